# passes
# Shuffles with rng.choice and cuts with np.array_split; returns a list instead of yielding.
def minibatches(n, batch_size, rng):
    order = rng.choice(n, size=n, replace=False)
    pieces = -(-n // batch_size)
    return [piece for piece in np.array_split(order, pieces)]
