# fails: layer_gradients/public=value layer_gradients/batch=db-sum layer_gradients/scales=db-sum
# dW averaged but db summed.
def layer_gradients(delta, A_prev):
    return delta.T @ A_prev / delta.shape[0], delta.sum(axis=0)
