# fails: neuron_backprop/lecture-example=value neuron_backprop/y1=extra-sigma-prime neuron_backprop/y0=extra-sigma-prime
# Multiplies y_hat - y (which already contains sigma'(z)) by sigma'(z) once more.
def neuron_backprop(x, w, y):
    x = np.asarray(x, dtype=float)
    y_hat = sigmoid(np.asarray(w, dtype=float) @ x)
    loss = float(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat))
    return loss, (y_hat - y) * y_hat * (1 - y_hat) * x
