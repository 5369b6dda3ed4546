# passes
# Builds the perturbations from the identity matrix over the flattened x.
def numerical_gradient(f, x, eps=1e-5):
    x = np.asarray(x, dtype=float)
    flat = x.ravel()
    basis = np.eye(flat.size) * eps
    values = [(f((flat + e).reshape(x.shape)) - f((flat - e).reshape(x.shape))) / (2 * eps) for e in basis]
    return np.array(values).reshape(x.shape)
