# fails: one_hot/unsorted=value one_hot/single=value
# Maps the labels that occur to 0, 1, 2, ... instead of using the label as the column.
import numpy as np


def one_hot(y, K):
    _, idx = np.unique(y, return_inverse=True)
    Y = np.zeros((len(y), K))
    Y[np.arange(len(y)), idx] = 1
    return Y
