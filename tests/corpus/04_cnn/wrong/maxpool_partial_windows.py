# fails: max_pool2d/not-divisible=partial-window max_pool2d/keywords=partial-window max_pool2d/subsample=exception
# Rounds the output size up: keeps the partial windows at the bottom and right edges.
import numpy as np


def max_pool2d(X, size, stride):
    X = np.asarray(X, dtype=float)
    C, H, W = X.shape
    H_out = int(np.ceil((H - size) / stride)) + 1
    W_out = int(np.ceil((W - size) / stride)) + 1
    out = np.zeros((C, H_out, W_out))
    for c in range(C):
        for i in range(H_out):
            for j in range(W_out):
                window = X[c, i * stride:i * stride + size, j * stride:j * stride + size]
                out[c, i, j] = np.max(window)
    return out
