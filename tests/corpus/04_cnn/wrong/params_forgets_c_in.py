# fails: conv_param_count/alexnet=no-c_in conv_param_count/non-square=no-c_in conv_param_count/one-by-one=no-c_in conv_param_count/keywords=no-c_in
# A filter as one kh x kw kernel, whatever the number of input channels.
def conv_param_count(c_in, c_out, kh, kw):
    return c_out * (kh * kw + 1)
