# fails: sigmoid/matrix=modified sigmoid/extreme=modified sigmoid/3d=modified sigmoid/integers=modified
# Negates the caller's array in place (np.asarray does not copy).
import numpy as np


def sigmoid(z):
    z = np.asarray(z)
    z *= -1
    return 1 / (1 + np.exp(z))
