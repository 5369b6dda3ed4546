# fails: minibatches/uses-rng=not-reproducible
# Shuffles with numpy's global generator and ignores rng: valid batches, but a seed cannot repeat them.
import numpy as np


def minibatches(n, batch_size, rng):
    order = np.random.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]
