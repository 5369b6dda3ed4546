# fails: cross_entropy/zeros=inf
# log(0) = -inf when the true class has probability 0.
import numpy as np


def cross_entropy(P, y):
    return float(-np.mean(np.log(P[np.arange(len(y)), y])))
