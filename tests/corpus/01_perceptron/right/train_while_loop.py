# passes
def train_perceptron(X, y, w_init=None, max_epochs=100):
    w = np.zeros(len(X[0]) + 1) if w_init is None else np.asarray(w_init, dtype=float).copy()
    history = []
    while len(history) < max_epochs:
        errors = 0
        for i in range(len(X)):
            w, wrong = perceptron_update(w, X[i], y[i])
            errors += wrong
        history.append(int(errors))
        if not errors:
            break
    return w.tolist(), history
