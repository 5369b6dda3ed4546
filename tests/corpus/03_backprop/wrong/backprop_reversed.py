# fails: backprop/public=shape backprop/2-layers-sigmoid=shape backprop/2-layers-relu=shape
# Appends the gradients while walking backwards and forgets to reverse the list.
def backprop(X, y, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    A, inputs, pre = np.asarray(X, dtype=float), [], []
    for i, (W, b) in enumerate(params):
        inputs.append(A)
        Z = A @ W.T + b
        pre.append(Z)
        A = g(Z) if i < len(params) - 1 else Z
    delta = output_delta(softmax(A), one_hot(y, params[-1][0].shape[0]), "cross_entropy")
    grads = []
    for i in range(len(params) - 1, -1, -1):
        grads.append(layer_gradients(delta, inputs[i]))
        if i > 0:
            delta = hidden_delta(delta, params[i][0], pre[i - 1], activation)
    return grads
