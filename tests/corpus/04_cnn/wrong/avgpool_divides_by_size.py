# fails: avg_pool2d/2x2=value avg_pool2d/overlapping=value avg_pool2d/overlap=divisor avg_pool2d/gaps=divisor avg_pool2d/not-divisible=divisor avg_pool2d/integer=divisor avg_pool2d/keywords=divisor avg_pool2d/scales=divisor
# Divides by size, not by the number of entries size * size.
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
                out[c, i, j] = np.sum(window) / size
    return out
