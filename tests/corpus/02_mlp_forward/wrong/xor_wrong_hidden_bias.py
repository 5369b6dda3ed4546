# fails: xor_params/truth-table=value
# c = (0, 1) instead of (0, -1): the second unit is always on and the output always negative.
import numpy as np


def xor_params():
    return [(np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, 1.0])),
            (np.array([[2.0, -4.0]]), np.array([-1.0]))]
