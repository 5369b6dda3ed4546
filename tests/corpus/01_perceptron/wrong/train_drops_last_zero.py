# fails: train_perceptron/lecture-example=shape
def train_perceptron(X, y, w_init=None, max_epochs=100):
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1] + 1) if w_init is None else np.array(w_init, dtype=float)
    counts = []
    for _ in range(max_epochs):
        m = 0
        for xi, yi in zip(X, y):
            w, mistake = perceptron_update(w, xi, yi)
            m += int(mistake)
        if m == 0:
            break
        counts.append(m)
    return w, counts
