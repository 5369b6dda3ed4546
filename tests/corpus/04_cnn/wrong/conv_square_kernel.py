# fails: conv2d/one-channel=exception conv2d/channels-bias=exception conv2d/asymmetric-kernel=exception conv2d/channel-sum=exception conv2d/bias-broadcast=exception conv2d/stride-2=exception conv2d/stride-3-padding-2=exception conv2d/positional=exception conv2d/whole-input=exception conv2d/integer-image=exception conv2d/scales=exception
# Assumes square kernels: kh used for both sides.
import numpy as np


def conv2d(X, K, b=None, stride=1, padding=0):
    X = np.asarray(X, dtype=float)
    C_out, C_in, kh = K.shape[:3]
    kw = kh
    H_out = conv_output_size(X.shape[1], kh, 2 * padding, stride)
    W_out = conv_output_size(X.shape[2], kw, 2 * padding, stride)
    Xp = np.pad(X, ((0, 0), (padding, padding), (padding, padding)))
    Y = np.zeros((C_out, H_out, W_out))
    for o in range(C_out):
        for i in range(H_out):
            for j in range(W_out):
                patch = Xp[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                Y[o, i, j] = np.sum(patch * K[o])
        if b is not None:
            Y[o] += b[o]
    return Y
