# fails: cross_entropy/basic=value cross_entropy/n-not-K=mean-all cross_entropy/zeros=mean-all cross_entropy/one-row=mean-all
# np.mean over the whole (n, K) matrix Y * log P divides by n * K.
import numpy as np


def cross_entropy(P, y):
    Y = one_hot(y, P.shape[1])
    return float(-np.mean(Y * np.log(np.clip(P, 1e-12, 1.0))))
