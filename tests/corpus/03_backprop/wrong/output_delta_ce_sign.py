# fails: output_delta/public-cross-entropy=value output_delta/cross-entropy=sign backprop/public=value backprop/1-layer=sign backprop/2-layers-relu=sign backprop/3-layers-sigmoid=sign backprop/square-layers=sign train_mlp/xor=accuracy train_mlp/digits=accuracy train_mlp/loss-per-epoch=not-decreasing
# Target minus prediction: every gradient points uphill, training climbs the loss.
def output_delta(A, Y, loss):
    A, Y = np.asarray(A, dtype=float), np.asarray(Y, dtype=float)
    if loss == "squared":
        return 2 * (A - Y) * A * (1 - A)
    return Y - A
