# fails: perceptron_predict/on-the-boundary=value perceptron_predict/lecture-example=value
def perceptron_predict(w_ext, X):
    X = np.asarray(X, dtype=float)
    return (X @ w_ext[:-1] + w_ext[-1] >= 0).astype(int)
