# fails: max_pool2d/2x2=value max_pool2d/gaps=zero-start max_pool2d/not-divisible=zero-start max_pool2d/negative=zero-start max_pool2d/subsample=zero-start
# A running maximum that starts at 0: all-negative windows give 0.
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
                window = X[c, i * stride:i * stride + size, j * stride:j * stride + size]
                best = 0.0
                for value in window.flat:
                    if value > best:
                        best = value
                out[c, i, j] = best
    return out
