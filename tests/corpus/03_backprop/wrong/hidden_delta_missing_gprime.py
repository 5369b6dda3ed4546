# fails: hidden_delta/public=value hidden_delta/sigmoid=missing-g' hidden_delta/relu=missing-g' hidden_delta/tanh=missing-g'
# Forgets the activation's derivative.
def hidden_delta(delta_next, W_next, Z, activation):
    return delta_next @ W_next
