# fails: softmax/large-scores=nan softmax/vector-large=nan softmax/row-scales=nan
# No maximum subtracted: exp overflows for scores near 1e4.
import numpy as np


def softmax(F):
    E = np.exp(F)
    return E / E.sum(axis=-1, keepdims=True)
