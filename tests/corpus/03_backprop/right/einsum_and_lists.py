# passes
# einsum for the layer algebra; params kept as lists [W, b]; tuples returned as lists.
def layer_gradients(delta, A_prev):
    n = delta.shape[0]
    return [np.einsum("nm,nd->md", delta, A_prev) / n, np.einsum("nm->m", delta) / n]


def hidden_delta(delta_next, W_next, Z, activation):
    back = np.einsum("nk,km->nm", delta_next, W_next)
    if activation == "relu":
        return back * np.heaviside(Z, 0.0)
    if activation == "tanh":
        return back / np.cosh(Z) ** 2
    s = sigmoid(Z)
    return back * s * (1 - s)


def sgd_step(params, grads, lr):
    return [[p - lr * g for p, g in zip(layer, grad)] for layer, grad in zip(params, grads)]


def backprop(X, y, params, activation="sigmoid"):
    act = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    cache = {"A0": X}
    L = len(params)
    for l in range(1, L + 1):
        W, b = params[l - 1]
        cache[f"Z{l}"] = np.einsum("nd,md->nm", cache[f"A{l - 1}"], W) + b
        cache[f"A{l}"] = act(cache[f"Z{l}"]) if l < L else cache[f"Z{l}"]
    P = softmax(cache[f"A{L}"])
    Y = np.eye(params[-1][0].shape[0])[y]
    delta = output_delta(P, Y, "cross_entropy")
    grads = []
    for l in range(L, 0, -1):
        grads.insert(0, list(layer_gradients(delta, cache[f"A{l - 1}"])))
        if l > 1:
            delta = hidden_delta(delta, params[l - 1][0], cache[f"Z{l - 1}"], activation)
    return grads
