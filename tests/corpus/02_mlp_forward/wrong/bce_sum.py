# fails: binary_cross_entropy/basic=value binary_cross_entropy/both-labels=sum binary_cross_entropy/saturated=sum
# Summed instead of averaged.
import numpy as np


def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(np.sum(-y * np.log(p) - (1 - y) * np.log(1 - p)))
