"""A stand-in for matplotlib inside the grading child: plotting costs nothing and draws nothing.

Grading never looks at pictures, and importing matplotlib costs a child half a second or more.
Installed before the submission's cells run, it answers ``import matplotlib...`` (and
``mpl_toolkits``) with modules whose every attribute is a :class:`Stand`, an object that accepts
any call, attribute, index, ``with`` or arithmetic and returns itself. The usual idioms keep
working: ``fig, ax = plt.subplots()``, ``fig, (a, b) = plt.subplots(1, 2)``,
``axes[0, 1].imshow(...)``, ``for ax in axes.flat``, ``line, = ax.plot(x, y)``, ``plt.show()``.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types
from contextlib import contextmanager
from typing import Any, Iterator

import numpy as np

ROOTS = ("matplotlib", "mpl_toolkits")


class Stand:
    """Anything at all, doing nothing."""

    def __getattr__(self, name: str) -> "Stand":
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> "Stand":
        return self

    def __getitem__(self, key: Any) -> "Stand":
        return self

    def __setitem__(self, key: Any, value: Any) -> None:
        pass

    def __iter__(self):
        return iter((self,))  # `line, = ax.plot(...)` unpacks one artist

    def __len__(self) -> int:
        return 1

    def __enter__(self) -> "Stand":
        return self

    def __exit__(self, *exc: Any) -> bool:
        return False

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "<plot stand-in>"

    def __format__(self, spec: str) -> str:
        return ""

    def _same(self, *args: Any) -> "Stand":
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _same
    __neg__ = __pos__ = __abs__ = _same


STAND = Stand()


def subplots(nrows: int = 1, ncols: int = 1, *args: Any, squeeze: bool = True, **kwargs: Any) -> tuple:
    """``(figure, axes)`` shaped as matplotlib shapes them: one Axes, a 1-D or a 2-D array."""
    axes = np.empty((nrows, ncols), dtype=object)
    axes.fill(STAND)
    if squeeze:
        axes = axes.item() if axes.size == 1 else axes.reshape(-1) if 1 in (nrows, ncols) else axes
    return STAND, axes


class _Module(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return STAND


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname.split(".")[0] in ROOTS:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = _Module(spec.name)
        module.__path__ = []
        if spec.name == "matplotlib.pyplot":
            module.subplots = subplots
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        pass


def install() -> None:
    """Answer every later ``import matplotlib...`` with the stand-in."""
    sys.meta_path.insert(0, _Finder())


@contextmanager
def stand_in() -> Iterator[None]:
    """Only while inside: ``import matplotlib...`` gives the stand-in (unless matplotlib is loaded
    already). The grader loads reference modules so: they never plot, and the real import costs
    half a second; its own reports still get the real matplotlib afterwards."""
    finder = _Finder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in [n for n, m in sys.modules.items() if isinstance(m, _Module)]:
            del sys.modules[name]
