# fails: sigmoid/matrix=value sigmoid/extreme=value sigmoid/3d=value sigmoid/integers=value
# 1 / (1 + e^z) is sigmoid(-z).
import numpy as np


def sigmoid(z):
    a = np.exp(-np.abs(z))
    return np.where(z >= 0, a / (1 + a), 1 / (1 + a))
