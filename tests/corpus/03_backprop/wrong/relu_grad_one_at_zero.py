# fails: relu_grad/public=value relu_grad/zeros=relu-at-zero
# Uses z >= 0, so the derivative is 1 at z == 0.
def relu_grad(z):
    return (np.asarray(z) >= 0).astype(float)
