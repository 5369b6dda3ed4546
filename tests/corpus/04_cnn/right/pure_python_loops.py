# passes
# Everything with plain Python loops over nested lists and Python floats (slow, but fast enough).
import math

import numpy as np


def conv_output_size(n, k, p, s):
    return int(math.floor((n - k + p + s) / s))


def conv2d(X, K, b=None, stride=1, padding=0):
    x = np.asarray(X).tolist()
    k = np.asarray(K).tolist()
    c_in, h, w = len(x), len(x[0]), len(x[0][0])
    c_out, kh, kw = len(k), len(k[0][0]), len(k[0][0][0])
    h_out = conv_output_size(h, kh, 2 * padding, stride)
    w_out = conv_output_size(w, kw, 2 * padding, stride)

    def pixel(c, r, q):  # the padded image, without building it
        r, q = r - padding, q - padding
        return x[c][r][q] if 0 <= r < h and 0 <= q < w else 0.0

    out = []
    for o in range(c_out):
        plane = []
        for i in range(h_out):
            row = []
            for j in range(w_out):
                total = 0.0 if b is None else float(b[o])
                for c in range(c_in):
                    for u in range(kh):
                        for v in range(kw):
                            total += pixel(c, i * stride + u, j * stride + v) * k[o][c][u][v]
                row.append(total)
            plane.append(row)
        out.append(plane)
    return np.array(out)


def _pool(X, size, stride, reduce):
    x = np.asarray(X).tolist()
    h_out = conv_output_size(len(x[0]), size, 0, stride)
    w_out = conv_output_size(len(x[0][0]), size, 0, stride)
    return np.array([[[reduce([float(ch[i * stride + u][j * stride + v]) for u in range(size) for v in range(size)])
                       for j in range(w_out)] for i in range(h_out)] for ch in x])


def max_pool2d(X, size, stride):
    return _pool(X, size, stride, max)


def avg_pool2d(X, size, stride):
    return _pool(X, size, stride, lambda values: sum(values) / len(values))


def conv_param_count(c_in, c_out, kh, kw):
    total = 0
    for _ in range(c_out):
        total += c_in * kh * kw  # one filter's weights
        total += 1               # and its bias
    return total
