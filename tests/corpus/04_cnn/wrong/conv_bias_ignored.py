# fails: conv2d/channels-bias=value conv2d/stride-padding=value conv2d/bias=no-bias conv2d/bias-broadcast=no-bias conv2d/stride-2=no-bias conv2d/stride-3-padding-2=no-bias conv2d/padding-1=no-bias conv2d/positional=no-bias conv2d/one-by-one=no-bias conv2d/whole-input=no-bias conv2d/integer-image=no-bias conv2d/scales=no-bias conv2d/moderate=no-bias
# Never adds the bias.
import numpy as np


def conv2d(X, K, b=None, stride=1, padding=0):
    X = np.asarray(X, dtype=float)
    C_out, C_in, kh, kw = K.shape
    H_out = conv_output_size(X.shape[1], kh, 2 * padding, stride)
    W_out = conv_output_size(X.shape[2], kw, 2 * padding, stride)
    Xp = np.pad(X, ((0, 0), (padding, padding), (padding, padding)))
    Y = np.zeros((C_out, H_out, W_out))
    for o in range(C_out):
        for i in range(H_out):
            for j in range(W_out):
                patch = Xp[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                Y[o, i, j] = np.sum(patch * K[o])
    return Y
