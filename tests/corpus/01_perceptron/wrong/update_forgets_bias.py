# fails: perceptron_update/mistake-on-1=value perceptron_update/lecture-first-step=value
def perceptron_update(w_ext, x, y):
    w = np.array(w_ext, dtype=float)
    x_ext = np.append(x, 0.0)
    if int(w @ np.append(x, 1.0) > 0) == y:
        return w, False
    return (w + x_ext if y == 1 else w - x_ext), True
