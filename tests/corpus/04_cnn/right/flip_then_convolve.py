# passes
# A true (mathematical) convolution of the 180-degree rotated kernel is the cross-correlation;
# padding by hand with p:p + H slices; stride by subsampling the stride-1 map.
import numpy as np


def conv_output_size(n, k, p, s):
    return -(-(n - k + p + 1) // s)  # ceil((n - k + p + 1) / s) is the same count


def _true_convolution(x, k):
    """Full-overlap ('valid') mathematical convolution of 2-D x with 2-D k."""
    kh, kw = k.shape
    out = np.zeros((x.shape[0] - kh + 1, x.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            for u in range(kh):
                for v in range(kw):
                    out[i, j] += x[i + kh - 1 - u, j + kw - 1 - v] * k[u, v]
    return out


def conv2d(X, K, b=None, stride=1, padding=0):
    c_in, h, w = X.shape
    p = padding
    Xp = np.zeros((c_in, h + 2 * p, w + 2 * p))
    Xp[:, p:p + h, p:p + w] = X
    rotated = K[:, :, ::-1, ::-1]
    maps = []
    for o in range(K.shape[0]):
        full = sum(_true_convolution(Xp[c], rotated[o, c]) for c in range(c_in))
        if b is not None:
            full = full + b[o]
        maps.append(full[::stride, ::stride])
    return np.stack(maps)


def max_pool2d(X, size, stride):
    full = np.stack([np.stack([X[:, i:i + size, j:j + size].max(axis=(1, 2))
                               for j in range(X.shape[2] - size + 1)], axis=-1)
                     for i in range(X.shape[1] - size + 1)], axis=1)
    return full[:, ::stride, ::stride]


def avg_pool2d(X, size, stride):
    X = X.astype(float)
    total = np.zeros((X.shape[0], X.shape[1] - size + 1, X.shape[2] - size + 1))
    for u in range(size):
        for v in range(size):
            total += X[:, u:u + total.shape[1], v:v + total.shape[2]]
    return (total / size ** 2)[:, ::stride, ::stride]


def conv_param_count(c_in, c_out, kh, kw):
    return c_in * kh * kw * c_out + c_out
