"""Judges: turn one plain output into a verdict with a message that names the symptom.

Every judge is data (a kind and its parameters) so public cases can be shipped to students as
JSON and judged by the same code in their notebook; ``Custom`` judges are trusted code and stay
hidden. Comparisons never call anything on the submission's objects: outputs are plain data
rebuilt by :mod:`nnlab.sandbox.plain` (or, in a student's own notebook, their own values).
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nnlab.markers import materialize
from nnlab.sandbox.plain import Unsupported


@dataclass(frozen=True)
class Verdict:
    """Fraction of the case's points earned, what went wrong (``symptom``), a message for the
    student (never a hidden expected value or quiz key) and a ``detail`` for the TA (may hold them)."""

    fraction: float
    message: str = "passed"
    symptom: str = "ok"
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.fraction >= 1.0


def fail(symptom: str, message: str, detail: str = "") -> Verdict:
    return Verdict(0.0, message, symptom, detail)


PASS = Verdict(1.0)
FORM_OK = Verdict(1.0, "format ok — the value is graded after you submit")


def _is_scalar(x: Any) -> bool:
    return isinstance(x, (bool, numbers.Number, np.generic)) and not isinstance(x, complex)


def _is_numeric_leaf(x: Any) -> bool:
    """An array, a number, or a list (not a tuple: tuples are structure) that is a numeric array."""
    if isinstance(x, np.ndarray) or _is_scalar(x):
        return True
    if not isinstance(x, list) or not all(isinstance(e, (list, np.ndarray)) or _is_scalar(e) for e in x):
        return False
    try:
        return np.asarray(x).dtype.kind in "biuf"
    except ValueError:  # ragged
        return False


def _tuples_as_lists(x: Any) -> Any:
    return [_tuples_as_lists(e) for e in x] if isinstance(x, (tuple, list)) else x


def describe(x: Any) -> str:
    """Short description of a value's type and shape, for messages."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}"
    if isinstance(x, Unsupported):
        return f"a {x.kind}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of {len(x)} items"
    return f"{type(x).__name__} {x!r}"[:80]


def _path_name(path: tuple[int, ...], names: tuple | list | None) -> str:
    parts = []
    for depth, i in enumerate(path):
        spec = names[depth] if names and depth < len(names) else None
        if isinstance(spec, str):
            parts.append(spec.format(i=i, n=i + 1))
        elif isinstance(spec, (list, tuple)) and i < len(spec):
            parts.append(str(spec[i]))
        else:
            parts.append(f"[{i}]")
    return " ".join(parts)


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def compare_numeric(got: Any, exp: Any, rtol: float, atol: float, where: str = "",
                    hints: bool = True) -> Verdict:
    """Compare one numeric leaf: type, shape, NaN/inf, then values within ``atol + rtol*|exp|``.

    A wrong value's message says which entries differ and, with ``hints``, how (sign, a constant
    factor, the relative error); the expected and received values go to the TA-only detail."""
    prefix = f"{where}: " if where else ""
    if isinstance(got, Unsupported) or got is None or isinstance(got, (str, dict)):
        return fail("type", f"{prefix}expected numbers, got {describe(got)}")
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return fail("type", f"{prefix}expected numbers, got {describe(got)}")
    e = np.asarray(exp, dtype=float)
    if g.shape != e.shape:
        if g.size == e.size and g.size > 1:
            hint = " (same entries, other shape: a transpose or a missing reshape?)"
        else:
            hint = ""
        return fail("shape", f"{prefix}expected shape {e.shape}, got shape {g.shape}{hint}")
    finite_exp = np.isfinite(e)
    bad_nan = np.isnan(g) & ~np.isnan(e)
    if bad_nan.any():
        return fail("nan", f"{prefix}returned nan in {int(bad_nan.sum())} of {g.size} entries "
                           "(overflow, 0/0 or log of 0?)")
    bad_inf = np.isinf(g) & finite_exp
    if bad_inf.any():
        return fail("inf", f"{prefix}returned inf in {int(bad_inf.sum())} of {g.size} entries "
                           "(overflow or log of 0?)")
    close = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return PASS
    err = np.where(close, 0.0, np.abs(g - e))
    idx = np.unravel_index(int(np.argmax(err)), g.shape) if g.ndim else ()
    at = f" at index {tuple(int(i) for i in idx)}" if g.ndim else ""
    detail = (f"expected {_fmt(float(e[idx]))}, got {_fmt(float(g[idx]))}{at} "
              f"(tolerance {atol:g} + {rtol:g}*|expected|)")
    if not hints:
        return fail("value", f"{prefix}not the right value", detail)
    where_ = (f"wrong values: {int((~close).sum())} of {g.size} entries differ, the largest difference{at}"
              if g.ndim else "wrong value")
    return fail("value", f"{prefix}{where_}{_how(g, e, close, idx, rtol, atol)}", detail)


def _how(g: np.ndarray, e: np.ndarray, close: np.ndarray, idx: tuple, rtol: float, atol: float) -> str:
    """How wrong values are wrong, without giving them: a flipped sign, a constant factor, or the
    relative error of the worst entry."""
    bad = ~close
    if (e[bad] != 0).all() and np.isclose(g[bad], -e[bad], rtol=rtol, atol=atol).all():
        return "; the differing entries have the wrong sign" if g.ndim else "; it has the wrong sign"
    nonzero = np.abs(e) > atol
    if g.size > 1 and nonzero.sum() > 1:
        factor = float(np.median(g[nonzero] / e[nonzero]))
        if np.allclose(g, factor * e, rtol=max(rtol, 1e-9), atol=atol):
            return f"; every entry is off by the same factor, {factor:.3g}"
    if e[idx] == 0:
        return ""
    return f"; relative error {abs(float(g[idx] - e[idx]) / float(e[idx])):.2g}" + (" there" if g.ndim else "")


@dataclass(frozen=True)
class Close:
    """Numbers, arrays, or nested lists/tuples of them, equal within tolerance.

    ``names`` labels nesting levels in messages: per depth either a format with ``{i}``/``{n}``
    (0- or 1-based index, e.g. ``"layer {n}"``) or a tuple of names (e.g. ``("dW", "db")``).
    """

    expected: Any = None
    rtol: float = 1e-6
    atol: float = 1e-9
    names: tuple = ()
    kind: str = field(default="close", init=False)

    def __call__(self, got: Any, ctx: "Context") -> Verdict:
        return self._walk(got, ctx.expected(self.expected), (), hints=ctx.mode != "value")

    def _walk(self, got: Any, exp: Any, path: tuple[int, ...], hints: bool) -> Verdict:
        where = _path_name(path, self.names)
        if _is_numeric_leaf(exp):
            return compare_numeric(got, exp, self.rtol, self.atol, where, hints)
        if not isinstance(got, (list, tuple)):
            return fail("type", f"{where + ': ' if where else ''}expected a {type(exp).__name__} of "
                                f"{len(exp)} items, got {describe(got)}")
        if len(got) != len(exp):
            return fail("shape", f"{where + ': ' if where else ''}expected {len(exp)} items, got {len(got)}")
        for i, (g, e) in enumerate(zip(got, exp)):
            verdict = self._walk(g, e, path + (i,), hints)
            if not verdict.passed:
                return verdict
        return PASS

    def to_data(self, expected: Any) -> dict[str, Any]:
        return {"kind": self.kind, "expected": expected, "rtol": self.rtol, "atol": self.atol,
                "names": list(self.names)}


def _letter(x: Any) -> str | None:
    if not isinstance(x, str):
        return None
    s = x.strip().strip("().").strip().upper()
    return s[:1] if s and (len(s) == 1 or not s[1].isalnum()) else None


@dataclass(frozen=True)
class Letter:
    """A multiple-choice answer: ``"C"``, ``"c"``, ``"C)"`` and ``"(c)"`` all mean C."""

    expected: Any = None
    kind: str = field(default="letter", init=False)

    def __call__(self, got: Any, ctx: "Context") -> Verdict:
        exp = ctx.expected(self.expected)
        letter = _letter(got)
        if letter is None:
            return fail("type", f"expected one letter such as 'A', got {describe(got)}")
        return PASS if letter == exp.upper() else fail("value", f"{letter} is not the right choice",
                                                        f"expected {exp.upper()}, got {letter}")

    def to_data(self, expected: Any) -> dict[str, Any]:
        return {"kind": self.kind, "expected": expected}


@dataclass(frozen=True)
class Flag:
    """A yes/no answer: ``True``/``False`` (or 1/0, numpy booleans)."""

    expected: Any = None
    kind: str = field(default="flag", init=False)

    def __call__(self, got: Any, ctx: "Context") -> Verdict:
        exp = ctx.expected(self.expected)
        if not (isinstance(got, bool) or (isinstance(got, int) and got in (0, 1))):
            return fail("type", f"expected True or False, got {describe(got)}")
        return PASS if bool(got) == bool(exp) else fail("value", "not the right answer",
                                                        f"expected {bool(exp)}, got {bool(got)}")

    def to_data(self, expected: Any) -> dict[str, Any]:
        return {"kind": self.kind, "expected": expected}


@dataclass(frozen=True)
class Form:
    """Only the form of an answer, for public quiz checks that give nothing away:
    ``"letter"``, ``"flag"``, ``"number"``, or a shape (list) of numbers."""

    expected: Any = None
    kind: str = field(default="form", init=False)

    def __call__(self, got: Any, ctx: "Context") -> Verdict:
        form = ctx.expected(self.expected)
        if form == "letter":
            ok = _letter(got) is not None
        elif form == "flag":
            ok = isinstance(got, bool) or (isinstance(got, int) and got in (0, 1))
        elif form == "number":  # a 0-d array too: the value judges take it
            ok = (_is_scalar(got) and not isinstance(got, bool)) or (
                isinstance(got, np.ndarray) and got.shape == () and got.dtype.kind in "iuf")
        else:  # a list, a tuple or an array of numbers, as the value judges take them
            ok = _is_numeric_leaf(_tuples_as_lists(got)) and np.shape(got) == tuple(form)
        if ok:
            return FORM_OK
        wanted = {"letter": "one letter such as 'A'", "flag": "True or False", "number": "a number"}
        said = wanted[form] if isinstance(form, str) else f"numbers of shape {tuple(form)}"
        return fail("type", f"expected {said}, got {describe(got)}")

    def to_data(self, expected: Any) -> dict[str, Any]:
        return {"kind": self.kind, "expected": expected}


@dataclass(frozen=True)
class Custom:
    """Trusted code judging the output: ``fn(got, ctx) -> Verdict``. Hidden cases only."""

    fn: Callable[[Any, "Context"], Verdict]
    kind: str = field(default="custom", init=False)

    def __call__(self, got: Any, ctx: "Context") -> Verdict:
        return self.fn(got, ctx)

    def to_data(self, expected: Any) -> dict[str, Any]:
        raise TypeError("a Custom judge cannot be shipped in a public case")


JUDGES = {"close": Close, "letter": Letter, "flag": Flag, "form": Form}


def judge_from_data(data: dict[str, Any]) -> Close | Letter | Flag | Form:
    """Rebuild a shipped judge; its expected value comes back as a literal."""
    params = {k: v for k, v in data.items() if k != "kind"}
    if "names" in params:
        params["names"] = tuple(tuple(n) if isinstance(n, list) else n for n in params["names"])
    return JUDGES[data["kind"]](**params)


@dataclass
class Context:
    """What a judge may know: the trusted arguments, the reference module, the student, extras.

    ``args``/``kwargs`` are rebuilt from their specs on each access, so nothing can change them
    for the next reader; ``$ref`` arguments resolve to the reference module's own variables."""

    args_spec: Any
    kwargs_spec: Any
    function: str
    mode: str = "call"
    ref: Any = None
    student: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def args(self) -> tuple:
        return tuple(materialize(self.args_spec, vars(self.ref) if self.ref else {}))

    @property
    def kwargs(self) -> dict:
        return materialize(self.kwargs_spec, vars(self.ref) if self.ref else {})

    def expected(self, spec: Any) -> Any:
        """Resolve an ``expected`` spec: :data:`REF` (the reference's output on the same
        arguments, or for ``mode="value"`` the reference's variable), a callable ``spec(ctx)``,
        or a literal."""
        if spec is REF:
            if self.ref is None:
                raise RuntimeError("this case needs the reference solution")
            if self.mode == "value":
                return getattr(self.ref, self.function)
            return getattr(self.ref, self.function)(*self.args, **self.kwargs)
        if callable(spec):
            return spec(self)
        return spec


class _Ref:
    def __repr__(self) -> str:
        return "REF"


REF = _Ref()
