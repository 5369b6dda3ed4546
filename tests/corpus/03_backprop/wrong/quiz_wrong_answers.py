# fails: answer_gd_blanks/value=value answer_large_dataset/value=value answer_relu_square_grad/value=value answer_partial_w1/value=sign
answer_gd_blanks = "B"
answer_large_dataset = "A"
answer_relu_square_grad = 3
answer_partial_w1 = -1.4621171572600098
