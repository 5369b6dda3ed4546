# fails: conv_param_count/alexnet=bias-count conv_param_count/non-square=bias-count conv_param_count/one-by-one=bias-count conv_param_count/keywords=bias-count
# One bias per filter and input channel.
def conv_param_count(c_in, c_out, kh, kw):
    return c_out * c_in * (kh * kw + 1)
