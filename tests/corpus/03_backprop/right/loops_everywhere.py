# passes
# Python loops over the examples (one per-sample formula at a time, as on the slides) and over
# the layers, instead of whole-batch matrix products.
def hidden_delta(delta_next, W_next, Z, activation):
    out = np.zeros(np.shape(Z))
    for i in range(len(Z)):
        back = np.zeros(len(W_next[0]))
        for k in range(len(W_next)):
            back += delta_next[i][k] * np.asarray(W_next[k])
        z = np.asarray(Z[i], dtype=float)
        if activation == "sigmoid":
            d = sigmoid(z) * (1 - sigmoid(z))
        elif activation == "relu":
            d = (z > 0).astype(float)
        else:
            d = 1 - np.tanh(z) ** 2
        out[i] = back * d
    return out


def layer_gradients(delta, A_prev):
    n = len(delta)
    dW = np.zeros((len(delta[0]), len(A_prev[0])))
    db = np.zeros(len(delta[0]))
    for i in range(n):
        dW += np.outer(delta[i], A_prev[i])
        db += delta[i]
    return dW / n, db / n


def sgd_step(params, grads, lr):
    new = []
    for layer in range(len(params)):
        W, b = params[layer]
        dW, db = grads[layer]
        new.append([np.array(W) - lr * np.array(dW), np.array(b) - lr * np.array(db)])
    return new
