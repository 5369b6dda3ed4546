# fails: xor_params/truth-table=shape
# The lecture's w and b copied as a vector and a number: not a layer's (1, 2) W and (1,) b.
import numpy as np


def xor_params():
    return [(np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, -1.0])),
            (np.array([2.0, -4.0]), -1.0)]
