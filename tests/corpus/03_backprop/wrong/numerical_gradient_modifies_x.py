# fails: numerical_gradient/public=modified numerical_gradient/one-sided=modified numerical_gradient/matrix=modified numerical_gradient/sin=modified
# Perturbs the caller's x and never puts it back.
def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        x[i] += eps
        f_plus = f(x)
        x[i] -= 2 * eps
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad
