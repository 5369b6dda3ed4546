# passes
# rng.shuffle on a list of indices; yields Python lists.
def minibatches(n, batch_size, rng):
    idx = list(range(n))
    rng.shuffle(idx)
    while idx:
        batch, idx = idx[:batch_size], idx[batch_size:]
        yield batch
