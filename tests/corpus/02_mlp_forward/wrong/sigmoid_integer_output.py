# fails: sigmoid/integers=value
# Stable split by sign, but the output is allocated with the input's dtype: ints in, 0s and 1s out.
import numpy as np


def sigmoid(z):
    z = np.asarray(z)
    out = np.zeros_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1 + e)
    return out
