# fails: sigmoid_grad/public=value sigmoid_grad/batch=derivative-of-z hidden_delta/public=value hidden_delta/sigmoid=derivative-of-z backprop/public=value backprop/2-layers-sigmoid=derivative-of-z train_mlp/xor=nan train_mlp/digits=nan
# The s(1 - s) formula applied to z itself instead of to s = sigmoid(z).
def sigmoid_grad(z):
    z = np.asarray(z, dtype=float)
    return z * (1 - z)
