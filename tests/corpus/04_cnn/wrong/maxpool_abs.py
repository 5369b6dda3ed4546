# fails: max_pool2d/2x2=value max_pool2d/overlapping=value max_pool2d/overlap=abs max_pool2d/gaps=abs max_pool2d/not-divisible=abs max_pool2d/negative=abs max_pool2d/keywords=abs max_pool2d/subsample=abs max_pool2d/scales=abs
# Takes the largest absolute value.
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
                out[c, i, j] = np.max(np.abs(window))
    return out
