# fails: binary_cross_entropy/basic=value binary_cross_entropy/both-labels=swapped binary_cross_entropy/saturated=swapped
# p read as the probability of class 0.
import numpy as np


def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(np.mean(-(1 - y) * np.log(p) - y * np.log(1 - p)))
