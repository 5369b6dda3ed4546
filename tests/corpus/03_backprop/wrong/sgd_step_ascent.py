# fails: sgd_step/public=value sgd_step/3-layers=ascent sgd_step/lists=ascent train_mlp/xor=accuracy train_mlp/digits=accuracy train_mlp/loss-per-epoch=not-decreasing train_mlp/relu-blobs=accuracy
# Adds the gradient: gradient ascent.
def sgd_step(params, grads, lr):
    return [(W + lr * dW, b + lr * db) for (W, b), (dW, db) in zip(params, grads)]
