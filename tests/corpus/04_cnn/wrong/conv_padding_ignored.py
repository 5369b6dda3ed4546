# fails: conv2d/stride-padding=shape conv2d/stride-3-padding-2=no-padding conv2d/padding-1=no-padding conv2d/positional=no-padding conv2d/integer-image=no-padding conv2d/scales=no-padding conv2d/moderate=no-padding
# Never pads.
import numpy as np


def conv2d(X, K, b=None, stride=1, padding=0):
    X = np.asarray(X, dtype=float)
    C_out, C_in, kh, kw = K.shape
    H_out = conv_output_size(X.shape[1], kh, 0, stride)
    W_out = conv_output_size(X.shape[2], kw, 0, stride)
    Xp = X
    Y = np.zeros((C_out, H_out, W_out))
    for o in range(C_out):
        for i in range(H_out):
            for j in range(W_out):
                patch = Xp[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                Y[o, i, j] = np.sum(patch * K[o])
        if b is not None:
            Y[o] += b[o]
    return Y
