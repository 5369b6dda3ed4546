# fails: hidden_delta/public=exception hidden_delta/sigmoid=exception hidden_delta/relu=exception hidden_delta/tanh=exception hidden_delta/square=transpose
# Goes back through W_next.T, as in the column-vector formula W^T delta.
def hidden_delta(delta_next, W_next, Z, activation):
    d = {"sigmoid": sigmoid_grad, "relu": relu_grad, "tanh": lambda z: 1 - np.tanh(z) ** 2}[activation]
    return (delta_next @ W_next.T) * d(Z)
