# fails: numerical_gradient/one-sided=ignores-eps numerical_gradient/sin=ignores-eps
# Ignores the eps argument.
def numerical_gradient(f, x, eps=1e-5):
    h = 1e-5
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad
