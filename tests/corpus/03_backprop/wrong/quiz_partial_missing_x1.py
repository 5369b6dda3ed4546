# fails: answer_partial_w1/value=missing-x1 answer_relu_square_grad/value=type
answer_partial_w1 = 0.7310585786300049
answer_relu_square_grad = "D"
