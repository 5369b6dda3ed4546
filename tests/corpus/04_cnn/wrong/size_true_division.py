# fails: conv_output_size/floor=no-floor conv_output_size/stride-3=no-floor conv_output_size/large=no-floor
# Forgets the floor: a fraction of a window position.
def conv_output_size(n, k, p, s):
    return (n - k + p + s) / s
