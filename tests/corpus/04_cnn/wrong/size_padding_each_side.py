# fails: conv_output_size/padding-stride=value conv_output_size/odd-total=each-side conv_output_size/stride-3=each-side
# Reads p as the padding per side and doubles it (p is already the total).
def conv_output_size(n, k, p, s):
    return (n - k + 2 * p + s) // s
