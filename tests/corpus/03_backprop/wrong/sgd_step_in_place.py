# fails: sgd_step/public=modified sgd_step/3-layers=modified sgd_step/lists=modified
# Updates the caller's arrays in place.
def sgd_step(params, grads, lr):
    for (W, b), (dW, db) in zip(params, grads):
        W -= lr * dW
        b -= lr * db
    return params
