# fails: minibatches/last-smaller=lost minibatches/one-batch=lost minibatches/large=lost minibatches/public-last-smaller
# Drops the last, incomplete batch.
def minibatches(n, batch_size, rng):
    order = rng.permutation(n)
    for start in range(0, n - batch_size + 1, batch_size):
        yield order[start:start + batch_size]
