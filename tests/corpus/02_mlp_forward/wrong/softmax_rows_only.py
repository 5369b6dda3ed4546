# fails: softmax/vector=exception softmax/vector-large=exception
# axis=1 exists only for 2-D input.
import numpy as np


def softmax(F):
    E = np.exp(F - F.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
