# fails: xor_params/truth-table=value
# Computes OR, not XOR: x1 + x2 - 0.5 is positive on (1, 1) too.
import numpy as np


def xor_params():
    return [(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0.0, 0.0])),
            (np.array([[1.0, 1.0]]), np.array([-0.5]))]
