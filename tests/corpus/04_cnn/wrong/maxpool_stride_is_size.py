# fails: max_pool2d/overlapping=value max_pool2d/overlap=exception max_pool2d/gaps=stride-wrong max_pool2d/subsample=stride-wrong max_pool2d/scales=exception
# Moves the window by size, not by stride (right only when they are equal).
import numpy as np


def max_pool2d(X, size, stride):
    X = np.asarray(X, dtype=float)
    C, H, W = X.shape
    H_out = conv_output_size(H, size, 0, stride)
    W_out = conv_output_size(W, size, 0, stride)
    out = np.zeros((C, H_out, W_out))
    for c in range(C):
        for i in range(H_out):
            for j in range(W_out):
                window = X[c, i * size:i * size + size, j * size:j * size + size]
                out[c, i, j] = np.max(window)
    return out
