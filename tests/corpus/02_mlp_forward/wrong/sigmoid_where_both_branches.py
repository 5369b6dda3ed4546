# fails: sigmoid/extreme=warning
# The classic "stable" attempt: np.where picks the right branch, but evaluates both, so exp(z) overflows
# (and inf/inf warns) for z near 1e4 even though every returned value is right.
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
