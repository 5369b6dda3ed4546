# fails: conv2d/stride-padding=value conv2d/stride-2=stride-wrong conv2d/stride-3-padding-2=stride-wrong conv2d/integer-image=stride-wrong
# The output size knows the stride, the windows do not: they start at (i, j).
import numpy as np


def conv2d(X, K, b=None, stride=1, padding=0):
    X = np.asarray(X, dtype=float)
    C_out, C_in, kh, kw = K.shape
    H_out = conv_output_size(X.shape[1], kh, 2 * padding, stride)
    W_out = conv_output_size(X.shape[2], kw, 2 * padding, stride)
    Xp = np.pad(X, ((0, 0), (padding, padding), (padding, padding)))
    Y = np.zeros((C_out, H_out, W_out))
    for o in range(C_out):
        for i in range(H_out):
            for j in range(W_out):
                patch = Xp[:, i:i + kh, j:j + kw]
                Y[o, i, j] = np.sum(patch * K[o])
        if b is not None:
            Y[o] += b[o]
    return Y
