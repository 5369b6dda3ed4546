# fails: train_perceptron/zero-init=value
def train_perceptron(X, y, w_init=None, max_epochs=100):
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(1)
    w = np.zeros(X.shape[1] + 1) if w_init is None else np.array(w_init, dtype=float)
    counts = []
    for _ in range(max_epochs):
        m = 0
        for i in rng.permutation(len(X)):
            w, mistake = perceptron_update(w, X[i], y[i])
            m += int(mistake)
        counts.append(m)
        if m == 0:
            break
    return w, counts
