# fails: conv2d/channels-bias=exception conv2d/stride-padding=exception conv2d/bias=exception conv2d/bias-broadcast=bias-axis conv2d/stride-2=exception conv2d/stride-3-padding-2=exception conv2d/padding-1=exception conv2d/positional=exception conv2d/one-by-one=exception conv2d/whole-input=bias-axis conv2d/integer-image=exception conv2d/scales=exception conv2d/moderate=exception
# Adds b without reshaping: numpy lines it up with the last axis (the columns).
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
    if b is not None:
        Y = Y + b
    return Y
