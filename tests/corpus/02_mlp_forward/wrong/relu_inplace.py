# fails: relu/matrix=modified relu/zeros=modified relu/3d=modified
# Zeroes the negatives of the caller's array.
def relu(z):
    z[z < 0] = 0
    return z
