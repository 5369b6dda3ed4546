# fails: binary_cross_entropy/basic=value binary_cross_entropy/both-labels=missing-term binary_cross_entropy/saturated=missing-term
# Only -y log p: the points of class 0 cost nothing.
import numpy as np


def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(np.mean(-y * np.log(p)))
