# fails: sigmoid/extreme=warning
# 1 / (1 + exp(-z)): the values round right, but exp(-z) overflows with a RuntimeWarning for z near -1e4,
# and the contract asks for a sigmoid that stays warning-free.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
