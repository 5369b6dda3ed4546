# passes
def step(z):
    z = np.asarray(z, dtype=float)
    out = np.zeros(z.shape, dtype=bool)
    for idx in np.ndindex(z.shape):
        out[idx] = z[idx] > 0
    return out


def perceptron_predict(w_ext, X):
    preds = []
    for row in X:
        total = w_ext[-1]
        for wi, xi in zip(w_ext[:-1], row):
            total += wi * xi
        preds.append(1 if total > 0 else 0)
    return np.array(preds)
