# fails: minibatches/divisible=not-shuffled minibatches/last-smaller=not-shuffled minibatches/large=not-shuffled
# Never shuffles: every epoch sees the examples in the same order.
def minibatches(n, batch_size, rng):
    for start in range(0, n, batch_size):
        yield np.arange(start, min(start + batch_size, n))
