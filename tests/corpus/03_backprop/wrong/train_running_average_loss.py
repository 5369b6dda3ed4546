# fails: train_mlp/whole-set-loss=not-whole-set train_mlp/public-shapes=value
# The loss per epoch averaged over its batches while the weights change: not the loss after the epoch.
def train_mlp(X, y, layer_sizes, lr=0.5, epochs=100, batch_size=32, seed=0, activation="sigmoid"):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    rng = np.random.default_rng(seed)
    params = []
    for m_in, m_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        limit = np.sqrt(6.0 / (m_in + m_out))
        params.append([rng.uniform(-limit, limit, size=(m_out, m_in)), np.zeros(m_out)])
    history = []
    n = len(X)
    for epoch in range(epochs):
        perm = rng.permutation(n)
        total = 0.0
        for start in range(0, n, batch_size):
            idx = perm[start:start + batch_size]
            total += cross_entropy(softmax(mlp_forward(X[idx], params, activation)), y[idx]) * len(idx)
            grads = backprop(X[idx], y[idx], params, activation)
            params = [[W - lr * dW, b - lr * db] for (W, b), (dW, db) in zip(params, grads)]
        history.append(total / n)
    return params, history
