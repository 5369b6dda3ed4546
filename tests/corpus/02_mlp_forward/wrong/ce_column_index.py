# fails: cross_entropy/basic=value cross_entropy/n-not-K=column-index cross_entropy/zeros=column-index
# P[:, y] takes whole columns: an (n, n) block.
import numpy as np


def cross_entropy(P, y):
    return float(-np.mean(np.log(np.maximum(P[:, y], 1e-12))))
