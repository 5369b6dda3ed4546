# fails: cross_entropy/zeros=value
# Clipped at 1e-8, not at 1e-12 as the contract says.
import numpy as np


def cross_entropy(P, y):
    p = np.clip(P[np.arange(len(y)), y], 1e-8, 1.0)
    return float(-np.mean(np.log(p)))
