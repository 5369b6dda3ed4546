# fails: step/matrix=shape
def step(z):
    return np.array([1 if v > 0 else 0 for v in np.ravel(z)])
