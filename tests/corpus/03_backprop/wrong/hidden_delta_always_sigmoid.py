# fails: hidden_delta/relu=ignores-activation hidden_delta/tanh=ignores-activation
# Ignores the activation argument.
def hidden_delta(delta_next, W_next, Z, activation):
    return (delta_next @ W_next) * sigmoid_grad(Z)
