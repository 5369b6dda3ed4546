# passes
# Backprop with its own log-softmax, deltas kept in a list, tuples of tuples out; output_delta by
# one-hot subtraction with np.put_along_axis.
def output_delta(A, Y, loss):
    A = np.array(A, dtype=float)
    if loss == "cross_entropy":
        return A - Y
    if loss == "squared":
        return 2.0 * A * (1.0 - A) * (A - Y)
    raise ValueError(loss)


def backprop(X, y, params, activation="sigmoid"):
    funcs = {"sigmoid": (sigmoid, sigmoid_grad), "relu": (relu, relu_grad),
             "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2)}
    g, dg = funcs[activation]
    As, Zs = [np.asarray(X, dtype=float)], []
    for W, b in params[:-1]:
        Zs.append(As[-1] @ W.T + b)
        As.append(g(Zs[-1]))
    F = As[-1] @ params[-1][0].T + params[-1][1]
    logp = F - F.max(axis=1, keepdims=True)
    logp -= np.log(np.exp(logp).sum(axis=1, keepdims=True))
    delta = np.exp(logp)
    np.put_along_axis(delta, np.asarray(y).reshape(-1, 1), np.take_along_axis(delta, np.asarray(y).reshape(-1, 1), 1) - 1, 1)
    n = len(X)
    deltas = [delta]
    for l in range(len(params) - 1, 0, -1):
        deltas.insert(0, (deltas[0] @ params[l][0]) * dg(Zs[l - 1]))
    return tuple((d.T @ a / n, d.sum(0) / n) for d, a in zip(deltas, As))
