"""Per-student quiz variants: parameters drawn deterministically from a student id.

The notebook calls these with its ``STUDENT_ID``; the grader calls them with the id the
submission was filed under, so a copied answer (or a notebook carrying someone else's id)
does not match.
"""
from __future__ import annotations

import hashlib

import numpy as np


def rng_for(student: str, key: str) -> np.random.Generator:
    """A generator seeded by (student id, question key); the same on every machine."""
    digest = hashlib.sha256(f"nnlab-variant\x00{student.strip()}\x00{key}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def integers(student: str, key: str, low: int, high: int, size: int | None = None) -> int | list[int]:
    """Integer(s) in ``[low, high)`` for this student and question."""
    values = rng_for(student, key).integers(low, high, size=size)
    return int(values) if size is None else [int(v) for v in values]


LETTERS = "ABCDEFGH"


def order(student: str, key: str, n: int) -> list[int]:
    """The order in which this student sees the ``n`` options of a multiple-choice question: the
    option shown as ``LETTERS[i]`` is the lecture's option ``order(...)[i]``."""
    return [int(i) for i in rng_for(student, key).permutation(n)]
