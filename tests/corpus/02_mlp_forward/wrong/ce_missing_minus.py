# fails: cross_entropy/basic=value cross_entropy/n-not-K=sign cross_entropy/zeros=sign cross_entropy/one-row=sign
# The mean log-likelihood, not its negative.
import numpy as np


def cross_entropy(P, y):
    return float(np.mean(np.log(np.maximum(P[np.arange(len(y)), y], 1e-12))))
