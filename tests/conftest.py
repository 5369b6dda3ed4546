"""Shared fixtures: the course in this repository and notebooks built from its reference solutions."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nnlab.course import Course

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def course() -> Course:
    return Course(ROOT)


def with_cell(base: Path, source: str, dest: Path) -> Path:
    """Copy notebook ``base`` to ``dest`` with one more code cell at the end."""
    nb = nbformat.read(str(base), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(source))
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(dest))
    return dest


def notebook_of(cells: list[str], dest: Path) -> Path:
    """A notebook with exactly these code cells."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(dest))
    return dest
