# fails: train_perceptron/lecture-example=modified train_perceptron/bigger=modified
def train_perceptron(X, y, w_init=None, max_epochs=100):
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1] + 1) if w_init is None else w_init
    counts = []
    for _ in range(max_epochs):
        m = 0
        for xi, yi in zip(X, y):
            new, mistake = perceptron_update(w, xi, yi)
            w[:] = new
            m += int(mistake)
        counts.append(m)
        if m == 0:
            break
    return w, counts
