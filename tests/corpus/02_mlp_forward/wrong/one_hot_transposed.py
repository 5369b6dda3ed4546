# fails: one_hot/basic=shape one_hot/unused-classes=shape one_hot/unsorted=shape one_hot/single=shape
# Classes in rows, samples in columns: (K, n).
import numpy as np


def one_hot(y, K):
    return (np.arange(K)[:, None] == np.asarray(y)[None, :]).astype(float)
