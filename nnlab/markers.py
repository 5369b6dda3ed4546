"""Arguments of a case that the child builds itself, on the data side of the sandbox: a case table
writes them (:func:`submitted`, :func:`generator`, :func:`scalar_fn`), :func:`encode_args` turns them into
plain data for the child, and the child's :func:`materialize` turns that data into live values."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from nnlab.sandbox import plain


@dataclass(frozen=True)
class Marker:
    """An argument the child builds itself (see :func:`materialize`)."""

    data: dict[str, Any]


def submitted(name: str) -> Marker:
    """Pass the submission's own variable ``name`` as an argument (the student's value, not the
    reference's: that is :data:`nnlab.judge.REF`)."""
    return Marker({"$ref": name})


def generator(seed: int) -> Marker:
    """Pass ``np.random.default_rng(seed)`` as an argument."""
    return Marker({"$rng": seed})


def scalar_fn(kind: str, **params: Any) -> Marker:
    """Pass one of the child's known scalar test functions as an argument."""
    return Marker({"$fn": [kind, {k: plain.encode(v) for k, v in params.items()}]})


def encode_args(obj: Any) -> Any:
    """Encode arguments for the child, keeping its markers (``$ref``, ``$rng``, ``$fn``) as they are."""
    if isinstance(obj, Marker):
        return obj.data
    if isinstance(obj, list):
        return [encode_args(x) for x in obj]
    if isinstance(obj, tuple):
        return {"$tuple": [encode_args(x) for x in obj]}
    if isinstance(obj, dict):
        return {"$dict": [[plain.encode(k), encode_args(v)] for k, v in obj.items()]}
    return plain.encode(obj)


def has_marker(spec: Any) -> bool:
    """Whether an argument spec holds something the child builds (``$ref``, ``$rng``, ``$fn``)."""
    if isinstance(spec, dict):
        return any(k in ("$ref", "$rng", "$fn") for k in spec) or any(has_marker(v) for v in spec.values())
    if isinstance(spec, list):
        return any(has_marker(v) for v in spec)
    return False


def _poly(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> Callable[[np.ndarray], float]:
    """Scalar test function ``sum(a x^3 + b x^2 + c x)`` used to check numerical gradients."""

    def f(x: np.ndarray) -> float:
        x = np.asarray(x, dtype=float)
        return float(np.sum(a * x**3 + b * x**2 + c * x))

    return f


def _sin_dot(a: np.ndarray) -> Callable[[np.ndarray], float]:
    """Scalar test function ``sum(sin(a * x))``."""

    def f(x: np.ndarray) -> float:
        return float(np.sum(np.sin(a * np.asarray(x, dtype=float))))

    return f


FUNCTIONS: dict[str, Callable[..., Callable[[np.ndarray], float]]] = {"poly": _poly, "sin_dot": _sin_dot}


class Missing(Exception):
    """A variable that a call's arguments name is not defined in the submission."""


def materialize(data: Any, namespace: dict[str, Any]) -> Any:
    """Turn an argument spec into live values: ``$ref`` names a submission variable,
    ``$rng`` builds a seeded Generator, ``$fn`` a known scalar function; the rest is plain data."""
    if isinstance(data, list):
        return [materialize(x, namespace) for x in data]
    if isinstance(data, dict) and len(data) == 1:
        (tag, body), = data.items()
        if tag == "$ref":
            if body not in namespace:
                raise Missing(body)
            return namespace[body]
        if tag == "$rng":
            return np.random.default_rng(body)
        if tag == "$fn":
            kind, params = body
            return FUNCTIONS[kind](**{k: plain.decode(v) for k, v in params.items()})
        if tag == "$tuple":
            return tuple(materialize(x, namespace) for x in body)
        if tag == "$dict":
            return {plain.decode(k): materialize(v, namespace) for k, v in body}
    return plain.decode(data)
