# fails: binary_cross_entropy/saturated=nan
# No clipping: 0 * log(0) = nan at p = 0 with y = 0.
import numpy as np


def binary_cross_entropy(p, y):
    return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)))
