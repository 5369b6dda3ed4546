# fails: sigmoid/extreme=nan
# The slide's second form e^z / (1 + e^z): inf / inf = nan for z above ~710.
import numpy as np


def sigmoid(z):
    e = np.exp(z)
    return e / (1 + e)
