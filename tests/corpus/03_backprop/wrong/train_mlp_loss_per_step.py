# fails: train_mlp/loss-per-epoch=length
# Records the loss after every minibatch instead of once per epoch.
def train_mlp(X, y, layer_sizes, lr=0.5, epochs=100, batch_size=32, seed=0, activation="sigmoid"):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    rng = np.random.default_rng(seed)
    params = [(rng.normal(0, 1 / np.sqrt(m_in), size=(m_out, m_in)), np.zeros(m_out))
              for m_in, m_out in zip(layer_sizes[:-1], layer_sizes[1:])]
    losses = []
    for _ in range(epochs):
        for idx in minibatches(len(X), batch_size, rng):
            params = sgd_step(params, backprop(X[idx], y[idx], params, activation), lr)
            losses.append(cross_entropy(softmax(mlp_forward(X[idx], params, activation)), y[idx]))
    return params, losses
