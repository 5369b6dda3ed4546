"""Per-student quiz variants: parameters drawn deterministically from a student id.

The notebook calls these with its ``STUDENT_ID``; the grader calls them with the id the
submission was filed under, so a copied answer (or a notebook carrying someone else's id)
does not match.
"""
from __future__ import annotations

import hashlib
from typing import Sequence, TypeVar

import numpy as np

T = TypeVar("T")


def rng_for(student_id: str, key: str) -> np.random.Generator:
    """A generator seeded by (student id, question key); the same on every machine."""
    digest = hashlib.sha256(f"nnlab-variant\x00{student_id.strip()}\x00{key}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def integers(student_id: str, key: str, low: int, high: int, size: int | None = None) -> int | list[int]:
    """Integer(s) in ``[low, high)`` for this student and question."""
    values = rng_for(student_id, key).integers(low, high, size=size)
    return int(values) if size is None else [int(v) for v in values]


def choice(student_id: str, key: str, options: Sequence[T]) -> T:
    """One of ``options`` for this student and question."""
    return options[int(rng_for(student_id, key).integers(len(options)))]


LETTERS = "ABCDEFGH"


def order(student_id: str, key: str, n: int) -> list[int]:
    """The order in which this student sees the ``n`` options of a multiple-choice question: the
    option shown as ``LETTERS[i]`` is the lecture's option ``order(...)[i]``."""
    return [int(i) for i in rng_for(student_id, key).permutation(n)]
