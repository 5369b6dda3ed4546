# fails: sigmoid_grad/large-z=nan
# The textbook closed form: exp(-z) overflows for z near -1e4 and gives inf / inf = nan.
def sigmoid_grad(z):
    e = np.exp(-np.asarray(z, dtype=float))
    return e / (1 + e) ** 2
