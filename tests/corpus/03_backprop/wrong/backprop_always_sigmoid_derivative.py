# fails: backprop/2-layers-relu=ignores-activation backprop/2-layers-tanh=ignores-activation backprop/square-layers=ignores-activation
# The sigmoid's derivative for every activation.
# Written without the helpers, so the mistake stays in backprop.
def backprop(X, y, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    dg = lambda z: sigmoid(z) * (1 - sigmoid(z))  # noqa: E731
    A, inputs, pre = np.asarray(X, dtype=float), [], []
    for i, (W, b) in enumerate(params):
        inputs.append(A)
        Z = A @ W.T + b
        pre.append(Z)
        A = g(Z) if i < len(params) - 1 else Z
    delta = softmax(A) - one_hot(y, params[-1][0].shape[0])
    grads = [None] * len(params)
    for i in range(len(params) - 1, -1, -1):
        grads[i] = (delta.T @ inputs[i] / len(delta), delta.mean(axis=0))
        if i > 0:
            delta = (delta @ params[i][0]) * dg(pre[i - 1])
    return grads
