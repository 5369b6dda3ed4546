# passes
# Xavier-uniform initialisation, params as lists, its own shuffling loop, and the loss after each
# epoch computed batch by batch over the whole training set.
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
        for start in range(0, n, batch_size):
            idx = perm[start:start + batch_size]
            grads = backprop(X[idx], y[idx], params, activation)
            params = [[W - lr * dW, b - lr * db] for (W, b), (dW, db) in zip(params, grads)]
        total = sum(cross_entropy(softmax(mlp_forward(X[i:i + 64], params, activation)), y[i:i + 64]) * len(y[i:i + 64])
                    for i in range(0, n, 64))
        history.append(total / n)
    return params, history
