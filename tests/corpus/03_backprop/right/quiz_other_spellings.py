# passes
# Letters in other spellings, the numbers as floats.
answer_gd_blanks = "a)"
answer_large_dataset = " c "
answer_relu_square_grad = 4.0
answer_partial_w1 = 1.462
