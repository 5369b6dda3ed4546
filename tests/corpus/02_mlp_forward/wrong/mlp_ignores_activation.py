# fails: mlp_forward/relu=ignored-activation mlp_forward/tanh=ignored-activation
# Always sigmoid, whatever the activation argument says.
def mlp_forward(X, params, activation="sigmoid"):
    H = X
    for W, b in params[:-1]:
        H = sigmoid(dense_forward(H, W, b))
    W, b = params[-1]
    return dense_forward(H, W, b)
