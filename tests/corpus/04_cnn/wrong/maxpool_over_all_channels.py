# fails: max_pool2d/2x2=value max_pool2d/overlap=channels-mixed max_pool2d/gaps=channels-mixed max_pool2d/not-divisible=channels-mixed max_pool2d/negative=channels-mixed max_pool2d/keywords=channels-mixed max_pool2d/subsample=channels-mixed max_pool2d/scales=channels-mixed
# Pools every window over all channels at once.
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
                out[c, i, j] = np.max(X[:, i * stride:i * stride + size, j * stride:j * stride + size])
    return out
