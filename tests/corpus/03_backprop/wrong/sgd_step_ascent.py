# fails: sgd_step/public=value sgd_step/3-layers=ascent sgd_step/lists=ascent
# Adds the gradient: gradient ascent.
def sgd_step(params, grads, lr):
    return [(W + lr * dW, b + lr * db) for (W, b), (dW, db) in zip(params, grads)]
