# fails: cross_entropy/basic=value cross_entropy/n-not-K=sum cross_entropy/zeros=sum
# Summed over the batch instead of averaged (a single row cannot tell).
import numpy as np


def cross_entropy(P, y):
    p = P[np.arange(len(y)), y]
    return float(-np.sum(np.log(np.maximum(p, 1e-12))))
