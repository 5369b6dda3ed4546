# fails: step/mixed=value step/zero-and-tiny=value
# also: perceptron_predict perceptron_update train_perceptron AND_WEIGHTS OR_WEIGHTS NOT_WEIGHTS
def step(z):
    return (np.asarray(z) >= 0).astype(int)
