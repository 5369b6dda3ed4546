# passes
def step(z):
    return np.where(np.asarray(z) > 0, True, False)


def perceptron_predict(w_ext, X):
    w_ext = np.asarray(w_ext)
    return np.where(np.einsum("nd,d->n", np.asarray(X, float), w_ext[:-1]) + w_ext[-1] > 0, 1, 0)
