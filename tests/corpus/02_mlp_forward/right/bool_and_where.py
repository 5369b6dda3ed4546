# passes
# A boolean one-hot, relu by masking, sigmoid from np.where over safe branches, BCE with np.where.
import numpy as np


def one_hot(y, K):
    return np.asarray(y)[:, None] == np.arange(K)[None, :]


def relu(z):
    return z * (z > 0)


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z < 0, e, 1.0) / (1.0 + e)


def binary_cross_entropy(p, y):
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    return np.mean(np.where(np.asarray(y) == 1, -np.log(p), -np.log1p(-p)))
