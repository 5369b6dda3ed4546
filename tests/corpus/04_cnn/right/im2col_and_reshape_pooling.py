# passes
# im2col: every patch becomes a column, the layer one matrix product; pooling by reshape when the
# windows tile the image, by a loop otherwise.
import numpy as np


def conv_output_size(n, k, p, s):
    return int(np.floor((n - k + p) / s)) + 1


def im2col(Xp, kh, kw, stride, h_out, w_out):
    c_in = Xp.shape[0]
    cols = np.empty((c_in * kh * kw, h_out * w_out))
    for i in range(h_out):
        for j in range(w_out):
            cols[:, i * w_out + j] = Xp[:, i * stride:i * stride + kh, j * stride:j * stride + kw].reshape(-1)
    return cols


def conv2d(X, K, b=None, stride=1, padding=0):
    c_out, c_in, kh, kw = np.shape(K)
    _, h, w = np.shape(X)
    h_out = conv_output_size(h, kh, 2 * padding, stride)
    w_out = conv_output_size(w, kw, 2 * padding, stride)
    Xp = np.pad(X, ((0, 0), (padding,) * 2, (padding,) * 2)).astype(float)
    out = np.reshape(K, (c_out, -1)) @ im2col(Xp, kh, kw, stride, h_out, w_out)
    if b is not None:
        out += np.asarray(b, dtype=float).reshape(c_out, 1)
    return out.reshape(c_out, h_out, w_out)


def _pool(X, size, stride, reduce):
    X = np.asarray(X, dtype=float)
    c, h, w = X.shape
    h_out, w_out = conv_output_size(h, size, 0, stride), conv_output_size(w, size, 0, stride)
    if stride == size:
        blocks = X[:, :h_out * size, :w_out * size].reshape(c, h_out, size, w_out, size)
        return reduce(blocks, axis=(2, 4))
    out = np.zeros((c, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            out[:, i, j] = reduce(X[:, i * stride:i * stride + size, j * stride:j * stride + size], axis=(1, 2))
    return out


def max_pool2d(X, size, stride):
    return _pool(X, size, stride, np.max)


def avg_pool2d(X, size, stride):
    return _pool(X, size, stride, np.mean)


def conv_param_count(c_in, c_out, kh, kw):
    weights = c_out * c_in * kh * kw
    biases = c_out
    return weights + biases
