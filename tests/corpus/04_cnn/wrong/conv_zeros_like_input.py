# fails: conv2d/integer-image=int-output
# Allocates the output with the input's dtype: integer images give truncated results.
import numpy as np


def conv2d(X, K, b=None, stride=1, padding=0):
    C_out, C_in, kh, kw = K.shape
    H_out = conv_output_size(X.shape[1], kh, 2 * padding, stride)
    W_out = conv_output_size(X.shape[2], kw, 2 * padding, stride)
    Xp = np.pad(X, ((0, 0), (padding, padding), (padding, padding)))
    Y = np.zeros((C_out, H_out, W_out), dtype=X.dtype)
    for o in range(C_out):
        for i in range(H_out):
            for j in range(W_out):
                patch = Xp[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                Y[o, i, j] = np.sum(patch * K[o]) + (0.0 if b is None else b[o])
    return Y
