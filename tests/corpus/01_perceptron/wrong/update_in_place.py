# fails: perceptron_update/mistake-on-1=modified perceptron_update/mistake-on-0=modified
def perceptron_update(w_ext, x, y):
    x_ext = np.append(x, 1.0)
    mistake = int(w_ext @ x_ext > 0) != y
    if mistake:
        w_ext += x_ext if y == 1 else -x_ext
    return w_ext, mistake
