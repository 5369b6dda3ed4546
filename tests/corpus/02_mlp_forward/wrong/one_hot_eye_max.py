# fails: one_hot/unused-classes=shape one_hot/single=shape
# Ignores K: only as many columns as the largest label + 1.
import numpy as np


def one_hot(y, K):
    return np.eye(np.max(y) + 1)[y]
