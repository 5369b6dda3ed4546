# fails: sigmoid/matrix=exception sigmoid/extreme=exception sigmoid/3d=exception sigmoid/integers=exception
# math.exp takes one number, not an array.
import math


def sigmoid(z):
    return 1 / (1 + math.exp(-z))
