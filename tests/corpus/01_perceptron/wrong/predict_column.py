# fails: perceptron_predict/lecture-example=shape perceptron_predict/bias-last=shape perceptron_predict/one-point=shape
def perceptron_predict(w_ext, X):
    X = np.asarray(X, dtype=float)
    return step(X @ w_ext[:-1, None] + w_ext[-1])
