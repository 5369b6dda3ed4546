# fails: hidden_delta/public=value hidden_delta/sigmoid=missing-g' hidden_delta/relu=missing-g' hidden_delta/tanh=missing-g' backprop/public=value backprop/2-layers-sigmoid=missing-g' backprop/3-layers-tanh=missing-g' train_mlp/xor=accuracy
# Forgets the activation's derivative.
def hidden_delta(delta_next, W_next, Z, activation):
    return delta_next @ W_next
