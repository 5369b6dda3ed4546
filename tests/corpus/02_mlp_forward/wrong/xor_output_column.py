# fails: xor_params/truth-table=shape
# The output weights as a column (2, 1): W of a layer is (units out, inputs in) = (1, 2).
import numpy as np


def xor_params():
    return [(np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, -1.0])),
            (np.array([[2.0], [-4.0]]), np.array([-1.0]))]
