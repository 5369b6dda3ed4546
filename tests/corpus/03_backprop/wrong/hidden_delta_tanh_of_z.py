# fails: hidden_delta/tanh=derivative-of-z
# tanh'(z) written as 1 - z**2: the formula 1 - a^2 belongs to the activation a = tanh(z).
def hidden_delta(delta_next, W_next, Z, activation):
    Z = np.asarray(Z, dtype=float)
    d = {"sigmoid": sigmoid_grad(Z), "relu": relu_grad(Z), "tanh": 1 - Z ** 2}[activation]
    return (delta_next @ W_next) * d
