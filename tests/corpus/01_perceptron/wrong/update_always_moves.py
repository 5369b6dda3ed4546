# fails: perceptron_update/correct-no-change=value
def perceptron_update(w_ext, x, y):
    w = np.array(w_ext, dtype=float)
    x_ext = np.append(x, 1.0)
    mistake = int(w @ x_ext > 0) != y
    return (w + x_ext if y == 1 else w - x_ext), mistake
