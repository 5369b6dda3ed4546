# fails: minibatches/divisible=not-shuffled minibatches/last-smaller=not-shuffled minibatches/large=not-shuffled
# Shuffles the order of the blocks, but every batch is the same block of consecutive examples.
def minibatches(n, batch_size, rng):
    starts = np.arange(0, n, batch_size)
    for start in rng.permutation(starts):
        yield np.arange(start, min(start + batch_size, n))
