# fails: numerical_gradient/public=value numerical_gradient/one-sided=one-sided numerical_gradient/matrix=one-sided numerical_gradient/sin=one-sided
# Forward differences: the error shrinks only like eps.
def numerical_gradient(f, x, eps=1e-5):
    x = np.array(x, dtype=float)
    f0 = f(x)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x.copy()
        xp[i] += eps
        grad[i] = (f(xp) - f0) / eps
    return grad
