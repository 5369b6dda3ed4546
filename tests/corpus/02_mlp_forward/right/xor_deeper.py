# passes
# A deeper XOR network (2-3-2-1) as a tuple of tuples.
import numpy as np


def xor_params():
    W1 = np.array([[1.0, 1.0], [1.0, 1.0], [1.0, 0.0]])
    b1 = np.array([0.0, -1.0, 0.0])
    W2 = np.array([[1.0, -2.0, 0.0], [0.0, 0.0, 0.0]])
    b2 = np.array([0.0, 0.0])
    W3 = np.array([[1.0, 5.0]])
    b3 = np.array([-0.5])
    return ((W1, b1), (W2, b2), (W3, b3))
