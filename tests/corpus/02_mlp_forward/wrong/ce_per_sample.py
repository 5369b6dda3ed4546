# fails: cross_entropy/basic=shape cross_entropy/n-not-K=per-sample cross_entropy/zeros=per-sample cross_entropy/one-row=per-sample
# Returns the per-sample losses instead of their mean.
import numpy as np


def cross_entropy(P, y):
    return -np.log(np.maximum(P[np.arange(len(y)), y], 1e-12))
