# fails: cross_entropy/basic=value cross_entropy/n-not-K=log10 cross_entropy/zeros=log10 cross_entropy/one-row=log10
# Base-10 logarithm.
import numpy as np


def cross_entropy(P, y):
    p = np.maximum(P[np.arange(len(y)), y], 1e-12)
    return float(-np.mean(np.log10(p)))
