# fails: conv2d/channels-bias=value conv2d/channel-sum=channels-not-summed conv2d/bias=channels-not-summed conv2d/bias-broadcast=channels-not-summed conv2d/stride-2=channels-not-summed conv2d/stride-3-padding-2=channels-not-summed conv2d/padding-1=channels-not-summed conv2d/positional=channels-not-summed conv2d/one-by-one=channels-not-summed conv2d/whole-input=channels-not-summed conv2d/integer-image=channels-not-summed conv2d/scales=channels-not-summed conv2d/moderate=channels-not-summed
# Loops over the input channels but assigns instead of adding: only the last one survives.
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
                patch = Xp[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                for c in range(C_in):
                    Y[o, i, j] = np.sum(patch[c] * K[o, c])
        if b is not None:
            Y[o] += b[o]
    return Y
