# fails: avg_pool2d/2x2=modified avg_pool2d/overlapping=modified avg_pool2d/overlap=modified avg_pool2d/gaps=modified avg_pool2d/not-divisible=modified avg_pool2d/integer=exception avg_pool2d/keywords=modified avg_pool2d/scales=modified
# Divides X by size * size in place first, then sums the windows.
import numpy as np


def avg_pool2d(X, size, stride):
    X /= size * size
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
