# fails: answer_my_relu_square_grad/value=value
# The personal ReLU quiz with the error's sign flipped: 2 (y - y_hat) instead of 2 (y_hat - y).
_z = (integers(STUDENT_ID, "relu_grad/w1", 1, 4) * integers(STUDENT_ID, "relu_grad/x1", 1, 4)
      + integers(STUDENT_ID, "relu_grad/w2", -3, 0) * integers(STUDENT_ID, "relu_grad/x2", -3, 0))
answer_my_relu_square_grad = 2 * (integers(STUDENT_ID, "relu_grad/y", 0, 3) - _z) * integers(STUDENT_ID, "relu_grad/x1", 1, 4)
