# fails: binary_cross_entropy/saturated=nan
# Clipped from below only: log(1 - p) = log(0) at p = 1.
import numpy as np


def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, None)
    return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)))
