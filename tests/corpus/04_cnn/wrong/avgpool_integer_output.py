# fails: avg_pool2d/integer=int-output
# Allocates the output like the input: integer images give truncated means.
import numpy as np


def avg_pool2d(X, size, stride):
    C, H, W = X.shape
    H_out = conv_output_size(H, size, 0, stride)
    W_out = conv_output_size(W, size, 0, stride)
    out = np.zeros((C, H_out, W_out), dtype=X.dtype)
    for c in range(C):
        for i in range(H_out):
            for j in range(W_out):
                window = X[c, i * stride:i * stride + size, j * stride:j * stride + size]
                out[c, i, j] = np.mean(window)
    return out
