# passes
# np.eye indexing, np.dot for the count (returns a numpy integer), sigmoid through tanh.
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def one_hot(y, K):
    return np.eye(K)[y]


def count_parameters(layer_sizes):
    s = np.array(layer_sizes)
    return np.dot(s[:-1] + 1, s[1:])


def binary_cross_entropy(p, y):
    # cross-entropy over the two classes (1 - p, p)
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return cross_entropy(np.stack([1 - p, p], axis=1), y)
