# fails: answer_out_size/value=value answer_alexnet_conv1_params/value=value answer_my_out_size/value=value
# The padding per side taken as the total, the biases forgotten, and the variant's padding and stride ignored.
answer_out_size = (224 - 11 + 2 + 4) // 4
answer_alexnet_conv1_params = 96 * 11 * 11 * 3
answer_my_out_size = MY_N - MY_K + 1
