# fails: avg_pool2d/2x2=value avg_pool2d/overlapping=value avg_pool2d/overlap=sum avg_pool2d/gaps=sum avg_pool2d/not-divisible=sum avg_pool2d/integer=sum avg_pool2d/keywords=sum avg_pool2d/scales=sum
# Sums the window instead of averaging it.
import numpy as np


def avg_pool2d(X, size, stride):
    X = np.asarray(X, dtype=float)
    C, H, W = X.shape
    H_out = conv_output_size(H, size, 0, stride)
    W_out = conv_output_size(W, size, 0, stride)
    out = np.zeros((C, H_out, W_out))
    for c in range(C):
        for i in range(H_out):
            for j in range(W_out):
                window = X[c, i * stride:i * stride + size, j * stride:j * stride + size]
                out[c, i, j] = np.sum(window)
    return out
