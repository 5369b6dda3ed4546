# fails: conv_param_count/non-square=square conv_param_count/grey=square
# Assumes square kernels: kh * kh.
def conv_param_count(c_in, c_out, kh, kw):
    return c_out * (c_in * kh * kh + 1)
