# fails: backprop/public=value backprop/1-layer=no-softmax backprop/2-layers-sigmoid=no-softmax backprop/3-layers-relu=no-softmax
# Uses the raw scores F instead of softmax(F) in the output delta.
def backprop(X, y, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    A, inputs, pre = np.asarray(X, dtype=float), [], []
    for i, (W, b) in enumerate(params):
        inputs.append(A)
        Z = A @ W.T + b
        pre.append(Z)
        A = g(Z) if i < len(params) - 1 else Z
    delta = output_delta(A, one_hot(y, params[-1][0].shape[0]), "cross_entropy")
    grads = [None] * len(params)
    for i in range(len(params) - 1, -1, -1):
        grads[i] = layer_gradients(delta, inputs[i])
        if i > 0:
            delta = hidden_delta(delta, params[i][0], pre[i - 1], activation)
    return grads
