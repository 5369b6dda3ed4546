# fails: train_mlp/whole-set-loss=not-whole-set train_mlp/public-shapes=value
def train_mlp(X, y, layer_sizes, lr=0.5, epochs=100, batch_size=32, seed=0, activation="sigmoid"):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    rng = np.random.default_rng(seed)
    params = [(rng.normal(0.0, 1.0 / np.sqrt(m_in), size=(m_out, m_in)), np.zeros(m_out))
              for m_in, m_out in zip(layer_sizes[:-1], layer_sizes[1:])]
    loss_per_epoch = []
    for epoch in range(epochs):
        for idx in minibatches(len(X), batch_size, rng):
            grads = backprop(X[idx], y[idx], params, activation)
            params = sgd_step(params, grads, lr)
            loss = cross_entropy(softmax(mlp_forward(X[idx], params, activation)), y[idx])
        loss_per_epoch.append(loss)  # the last minibatch's loss, not the whole training set's
    return params, loss_per_epoch
