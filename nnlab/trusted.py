"""Trusted numpy the case tables share: what the judges and mistakes compute in the grader.

Never the submission's code. Stable forms only (no overflow warnings on large inputs), so a
mistake's output is finite wherever the right answer is.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])  # the four corners, as in the lectures


def sigmoid(z: Any) -> np.ndarray:
    """1 / (1 + exp(-z)) without overflow: exp only of -|z|."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(F: Any, axis: int = -1) -> np.ndarray:
    """Probabilities along ``axis`` (rows by default), shifted by the maximum."""
    F = np.asarray(F, dtype=float)
    e = np.exp(F - F.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def one_hot(y: Any, K: int) -> np.ndarray:
    """``(n, K)`` rows with a 1 at each label of ``y`` (n,)."""
    y = np.asarray(y, dtype=int)
    out = np.zeros((len(y), K))
    out[np.arange(len(y)), y] = 1.0
    return out


ACTIVATIONS: dict[str, Callable[[Any], np.ndarray]] = {
    "sigmoid": sigmoid, "relu": lambda z: np.maximum(np.asarray(z, dtype=float), 0.0), "tanh": np.tanh}
DERIVATIVES: dict[str, Callable[[Any], np.ndarray]] = {
    "sigmoid": lambda z: sigmoid(z) * (1 - sigmoid(z)),
    "relu": lambda z: (np.asarray(z) > 0).astype(float),
    "tanh": lambda z: 1 - np.tanh(z) ** 2}


def layer_params(rng: np.random.Generator, sizes: list[int], scale: float = 1.0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Normal ``(W, b)`` per layer for layer sizes ``[d, m_1, ..., K]``: W is (m_out, m_in), b is (m_out,)."""
    return [(rng.normal(size=(o, i)) * scale, rng.normal(size=o) * scale) for i, o in zip(sizes[:-1], sizes[1:])]
