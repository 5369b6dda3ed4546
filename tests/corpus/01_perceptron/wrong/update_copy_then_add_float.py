# fails: perceptron_update/integers=exception perceptron_update/integers-mistake=exception
def perceptron_update(w_ext, x, y):
    w = w_ext.copy()  # keeps the dtype: an integer copy cannot take the float x_ext below
    x_ext = np.append(x, 1.0)
    mistake = int(w @ x_ext > 0) != y
    if mistake:
        w += x_ext if y == 1 else -x_ext
    return w, mistake
