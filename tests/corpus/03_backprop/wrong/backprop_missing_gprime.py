# fails: backprop/public=value backprop/2-layers-sigmoid=missing-g' backprop/3-layers-tanh=missing-g'
# Forgets the activation's derivative in the hidden deltas.
# Written without the helpers, so the mistake stays in backprop.
def backprop(X, y, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    dg = {"sigmoid": lambda z: sigmoid(z) * (1 - sigmoid(z)), "relu": lambda z: (z > 0) * 1.0,
          "tanh": lambda z: 1 - np.tanh(z) ** 2}[activation]
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
            delta = delta @ params[i][0]
    return grads
