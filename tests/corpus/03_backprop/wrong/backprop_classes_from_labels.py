# fails: backprop/missing-top-class=exception
# Counts the classes from the labels: breaks when a batch lacks the last class.
def backprop(X, y, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    A, inputs, pre = np.asarray(X, dtype=float), [], []
    for i, (W, b) in enumerate(params):
        inputs.append(A)
        Z = A @ W.T + b
        pre.append(Z)
        A = g(Z) if i < len(params) - 1 else Z
    delta = output_delta(softmax(A), one_hot(y, int(np.max(y)) + 1), "cross_entropy")
    grads = [None] * len(params)
    for i in range(len(params) - 1, -1, -1):
        grads[i] = layer_gradients(delta, inputs[i])
        if i > 0:
            delta = hidden_delta(delta, params[i][0], pre[i - 1], activation)
    return grads
