# fails: perceptron_predict/bias-last=value
def perceptron_predict(w_ext, X):
    X = np.asarray(X, dtype=float)
    X_ext = np.hstack([np.ones((X.shape[0], 1)), X])
    return step(X_ext @ w_ext)
