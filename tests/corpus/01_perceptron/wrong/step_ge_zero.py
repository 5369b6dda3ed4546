# fails: step/mixed=value step/zero-and-tiny=value
def step(z):
    return (np.asarray(z) >= 0).astype(int)
