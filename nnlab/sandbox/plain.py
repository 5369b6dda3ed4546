"""Plain data across the sandbox wall: encode in the child, decode strictly in the parent.

Only None, bool, int, float, str, lists, tuples, dicts and numeric numpy arrays cross.
Whatever object the student's code returned, the parent rebuilds it from bytes as one of
these types, so no override of ``__eq__``, ``__array__`` or numpy can reach the judge.
Anything else arrives as ``Unsupported(type name)`` so a test can say what came back.
This module imports only the standard library and numpy: it runs inside the sandbox.
"""
from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_DEPTH = 12
MAX_ITEMS = 200_000
NUMERIC_KINDS = "biuf"

_asarray = np.asarray  # bound before any student code can replace it
_ndarray = np.ndarray
_generic = np.generic


@dataclass(frozen=True)
class Unsupported:
    """A value that could not cross as plain data; ``kind`` names its type."""

    kind: str

    def __repr__(self) -> str:
        return f"<{self.kind}>"


def _float(x: float) -> Any:
    if math.isfinite(x):
        return x
    return {"$f": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def encode(obj: Any, depth: int = 0) -> Any:
    """Turn ``obj`` into JSON-able plain data (child side)."""
    if depth > MAX_DEPTH:
        return {"$unsupported": "structure nested too deeply"}
    if obj is None or type(obj) is str:
        return obj
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, int):
        return int.__int__(obj)
    if isinstance(obj, float):
        return _float(float.__float__(obj))
    if isinstance(obj, str):
        return str.__str__(obj)
    if isinstance(obj, _generic):
        if obj.dtype.kind in "iu":
            return int(obj)
        if obj.dtype.kind == "f":
            return _float(float(obj))
        return {"$unsupported": f"numpy {obj.dtype} scalar"}
    if isinstance(obj, _ndarray):
        arr = _asarray(obj)
        if arr.dtype.kind not in NUMERIC_KINDS:
            return {"$unsupported": f"array of dtype {arr.dtype}"}
        arr = np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("<"))
        return {"$nd": [arr.dtype.str, list(arr.shape), base64.b64encode(arr.tobytes()).decode()]}
    if isinstance(obj, tuple):
        return {"$tuple": [encode(x, depth + 1) for x in obj]}
    if isinstance(obj, list):
        return [encode(x, depth + 1) for x in obj]
    if isinstance(obj, dict):
        return {"$dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in obj.items()]}
    if hasattr(obj, "__next__") or type(obj).__name__ in ("range", "map", "zip", "filter"):
        items = []
        for item in obj:
            if len(items) >= MAX_ITEMS:
                return {"$unsupported": f"iterator with more than {MAX_ITEMS} items"}
            items.append(encode(item, depth + 1))
        return {"$iter": items}
    return {"$unsupported": type(obj).__name__}


class DecodeError(ValueError):
    """Raised when the child's message is not plain data."""


def decode(data: Any, depth: int = 0) -> Any:
    """Rebuild plain values from decoded JSON (parent side); reject anything else."""
    if depth > MAX_DEPTH + 2:
        raise DecodeError("too deeply nested")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(x, depth + 1) for x in data]
    if not isinstance(data, dict) or len(data) != 1:
        raise DecodeError(f"unexpected item {str(data)[:60]!r}")
    (tag, body), = data.items()
    if tag == "$f" and body in ("nan", "inf", "-inf"):
        return float(body)
    if tag == "$tuple" and isinstance(body, list):
        return tuple(decode(x, depth + 1) for x in body)
    if tag == "$iter" and isinstance(body, list):
        return [decode(x, depth + 1) for x in body]
    if tag == "$dict" and isinstance(body, list):
        out = {}
        for pair in body:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise DecodeError("bad dict entry")
            key = decode(pair[0], depth + 1)
            if not isinstance(key, (str, int, float, bool, tuple, type(None))):
                raise DecodeError("unhashable dict key")
            out[key] = decode(pair[1], depth + 1)
        return out
    if tag == "$nd":
        return _decode_array(body)
    if tag == "$unsupported" and isinstance(body, str):
        return Unsupported(body[:100])
    raise DecodeError(f"unknown tag {tag!r}")


def _decode_array(body: Any) -> np.ndarray:
    if not (isinstance(body, list) and len(body) == 3):
        raise DecodeError("bad array")
    dtype_str, shape, b64 = body
    if not (isinstance(dtype_str, str) and isinstance(shape, list) and isinstance(b64, str)):
        raise DecodeError("bad array header")
    try:
        dtype = np.dtype(dtype_str)
    except TypeError as exc:
        raise DecodeError(f"bad dtype {dtype_str!r}") from exc
    if dtype.kind not in NUMERIC_KINDS or dtype.itemsize > 16:
        raise DecodeError(f"dtype {dtype_str!r} is not numeric")
    if not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in shape):
        raise DecodeError("bad array shape")
    raw = base64.b64decode(b64, validate=True)
    if math.prod(shape) * dtype.itemsize != len(raw):
        raise DecodeError("array size does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))


def same_data(a: Any, b: Any) -> bool:
    """Exact structural equality of plain data (NaNs equal): whether a call modified its input, as the
    child decides what to send back and the parent names what changed."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        try:
            a2, b2 = np.asarray(a), np.asarray(b)
        except ValueError:
            return False
        return a2.shape == b2.shape and bool(np.array_equal(a2, b2, equal_nan=a2.dtype.kind == "f"
                                                               and b2.dtype.kind == "f"))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b
