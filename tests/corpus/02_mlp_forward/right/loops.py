# passes
# Everything with explicit Python loops over entries, rows and layers.
import math

import numpy as np


def _sig(t):
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    e = math.exp(t)
    return e / (1.0 + e)


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for idx in np.ndindex(z.shape):
        out[idx] = _sig(float(z[idx]))
    return out


def relu(z):
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for idx in np.ndindex(z.shape):
        out[idx] = z[idx] if z[idx] > 0 else 0.0
    return out


def dense_forward(X, W, b):
    n, m = X.shape[0], W.shape[0]
    Z = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            Z[i, j] = sum(X[i, k] * W[j, k] for k in range(X.shape[1])) + b[j]
    return Z


def mlp_forward(X, params, activation="sigmoid"):
    H = X
    for layer in range(len(params)):
        W, b = params[layer]
        H = dense_forward(H, W, b)
        if layer < len(params) - 1:
            if activation == "sigmoid":
                H = sigmoid(H)
            elif activation == "relu":
                H = relu(H)
            else:
                H = np.tanh(H)
    return H


def softmax(F):
    F = np.asarray(F, dtype=float)
    if F.ndim == 1:
        m = max(F)
        e = [math.exp(f - m) for f in F]
        s = sum(e)
        return np.array([v / s for v in e])
    return np.array([softmax(row) for row in F])


def one_hot(y, K):
    Y = np.zeros((len(y), K), dtype=int)
    for i, label in enumerate(y):
        Y[i, label] = 1
    return Y


def cross_entropy(P, y):
    total = 0.0
    for i, label in enumerate(y):
        total += -math.log(max(P[i, label], 1e-12))
    return total / len(y)


def binary_cross_entropy(p, y):
    total = 0.0
    for pi, yi in zip(p, y):
        pi = min(max(pi, 1e-12), 1 - 1e-12)
        total += -math.log(pi) if yi == 1 else -math.log(1 - pi)
    return total / len(p)


def count_parameters(layer_sizes):
    total = 0
    for i in range(1, len(layer_sizes)):
        total += layer_sizes[i - 1] * layer_sizes[i] + layer_sizes[i]
    return total
