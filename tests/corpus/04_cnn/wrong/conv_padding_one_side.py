# fails: conv2d/stride-padding=shape conv2d/stride-3-padding-2=padding-once conv2d/padding-1=padding-once conv2d/positional=padding-once conv2d/integer-image=padding-once conv2d/scales=padding-once conv2d/moderate=padding-once
# Pads only at the top and left, and takes the output size from the padded array.
import numpy as np


def conv2d(X, K, b=None, stride=1, padding=0):
    X = np.asarray(X, dtype=float)
    C_out, C_in, kh, kw = K.shape
    Xp = np.pad(X, ((0, 0), (padding, 0), (padding, 0)))
    H_out = (Xp.shape[1] - kh) // stride + 1
    W_out = (Xp.shape[2] - kw) // stride + 1
    Y = np.zeros((C_out, H_out, W_out))
    for o in range(C_out):
        for i in range(H_out):
            for j in range(W_out):
                patch = Xp[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                Y[o, i, j] = np.sum(patch * K[o])
        if b is not None:
            Y[o] += b[o]
    return Y
