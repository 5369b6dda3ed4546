# fails: minibatches/divisible=repeated minibatches/last-smaller=repeated minibatches/large=repeated
# Samples each batch with replacement: some examples twice, others never.
def minibatches(n, batch_size, rng):
    for start in range(0, n, batch_size):
        yield rng.integers(0, n, size=min(batch_size, n - start))
