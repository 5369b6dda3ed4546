# fails: mlp_forward/two-layers=value mlp_forward/one-layer=no-bias mlp_forward/relu=no-bias mlp_forward/row-scales=no-bias
# The biases are forgotten.
# Written without dense_forward, so the mistake stays in mlp_forward.
def mlp_forward(X, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    H = X
    for W, b in params[:-1]:
        H = g(H @ W.T)
    W, b = params[-1]
    return H @ W.T
