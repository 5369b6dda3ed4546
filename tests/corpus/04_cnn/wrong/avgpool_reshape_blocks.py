# fails: avg_pool2d/overlapping=shape avg_pool2d/overlap=stride-wrong avg_pool2d/gaps=stride-wrong avg_pool2d/keywords=stride-wrong
# Pools by reshaping into size x size blocks: right only when stride == size.
import numpy as np


def avg_pool2d(X, size, stride):
    X = np.asarray(X, dtype=float)
    C, H, W = X.shape
    h, w = H // size, W // size
    return X[:, :h * size, :w * size].reshape(C, h, size, w, size).mean(axis=(2, 4))
