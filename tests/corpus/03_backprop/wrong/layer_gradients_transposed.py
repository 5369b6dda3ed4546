# fails: layer_gradients/public=shape layer_gradients/batch=shape layer_gradients/one-row=shape
# A_prev.T @ delta has shape (d, m): the transpose of W's shape.
def layer_gradients(delta, A_prev):
    return A_prev.T @ delta / delta.shape[0], delta.mean(axis=0)
