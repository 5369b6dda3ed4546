# passes
def perceptron_update(w_ext, x, y):
    x_ext = np.concatenate([x, [1]])
    o = step(np.dot(w_ext, x_ext))
    sign = y - o  # +1, -1 or 0
    return w_ext + sign * x_ext, int(sign != 0)
