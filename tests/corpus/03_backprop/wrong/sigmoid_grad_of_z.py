# fails: sigmoid_grad/public=value sigmoid_grad/batch=derivative-of-z
# The s(1 - s) formula applied to z itself instead of to s = sigmoid(z).
def sigmoid_grad(z):
    z = np.asarray(z, dtype=float)
    return z * (1 - z)
