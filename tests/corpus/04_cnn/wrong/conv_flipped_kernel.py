# fails: conv2d/one-channel=value conv2d/channels-bias=value conv2d/stride-padding=value conv2d/asymmetric-kernel=flipped conv2d/channel-sum=flipped conv2d/bias=flipped conv2d/bias-broadcast=flipped conv2d/stride-2=flipped conv2d/stride-3-padding-2=flipped conv2d/padding-1=flipped conv2d/positional=flipped conv2d/whole-input=flipped conv2d/integer-image=flipped conv2d/scales=flipped conv2d/moderate=flipped
# The textbook convolution: the kernel rotated by 180 degrees.
import numpy as np


def conv2d(X, K, b=None, stride=1, padding=0):
    K = np.asarray(K, dtype=float)[:, :, ::-1, ::-1]
    C_out, C_in, kh, kw = K.shape
    Xp = np.pad(np.asarray(X, dtype=float), ((0, 0), (padding, padding), (padding, padding)))
    H_out = conv_output_size(X.shape[1], kh, 2 * padding, stride)
    W_out = conv_output_size(X.shape[2], kw, 2 * padding, stride)
    Y = np.zeros((C_out, H_out, W_out))
    for o in range(C_out):
        for i in range(H_out):
            for j in range(W_out):
                Y[o, i, j] = np.sum(Xp[:, i * stride:i * stride + kh, j * stride:j * stride + kw] * K[o])
                if b is not None:
                    Y[o, i, j] += b[o]
    return Y
