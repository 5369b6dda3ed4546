# fails: neuron_backprop/lecture-example=value neuron_backprop/y1=sign neuron_backprop/y0=sign
# d loss / d z taken as y - y_hat: the gradient points uphill.
def neuron_backprop(x, w, y):
    x = np.asarray(x, dtype=float)
    y_hat = sigmoid(np.asarray(w, dtype=float) @ x)
    loss = float(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat))
    return loss, (y - y_hat) * x
