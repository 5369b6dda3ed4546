# fails: answer_my_conv1_params/value=value
# The personal layer's biases forgotten.
answer_my_conv1_params = (integers(STUDENT_ID, "conv_params/k", 3, 12) ** 2 * integers(STUDENT_ID, "conv_params/c_in", 1, 5)
                          * integers(STUDENT_ID, "conv_params/c_out", 8, 129))
