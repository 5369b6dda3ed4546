# fails: relu/matrix=value relu/zeros=value relu/3d=value
# Returns the step function (the derivative of ReLU), not ReLU.
import numpy as np


def relu(z):
    return (np.asarray(z) > 0).astype(float)
