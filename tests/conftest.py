"""Shared fixtures: the course in this repository and notebooks built from its reference solutions."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnlab.course import Course
from nnlab.variants import integers

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def course() -> Course:
    return Course(ROOT)


def run_nnlab(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """The ``nnlab`` command on this course, as a TA runs it."""
    return subprocess.run([sys.executable, "-m", "nnlab", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600, env={"NNLAB_COURSE": str(ROOT), "PATH": "/usr/bin:/bin", **env})


def handed_in(login: str, week: str, dest: Path) -> Path:
    """A week's reference notebook as ``login`` hands it in: their login in STUDENT_ID (as JupyterHub
    fills it), so every per-student answer is theirs."""
    nb = json.loads((ROOT / "solutions" / week / f"{week}.ipynb").read_text())
    setup = nb["cells"][1]
    source = "".join(setup["source"])
    assert source.startswith('STUDENT_ID = ""'), source[:80]
    setup["source"] = source.replace('STUDENT_ID = ""', f'STUDENT_ID = "{login}"', 1)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(nb))
    return dest


def honest(login: str, dest: Path, extra: str = "") -> Path:
    """Week 02_mlp_forward's reference as ``login`` hands it in (:func:`handed_in`), with the parameter
    count of the network the notebook draws from their id typed in (one of its per-student items)."""
    sizes = integers(login, "param_count", 2, 65, size=4)
    count = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))
    nb = json.loads(handed_in(login, "02_mlp_forward", dest).read_text())
    for cell in nb["cells"]:
        if "answer_my_param_count = count_parameters" in "".join(cell["source"]):
            cell["source"] = f"answer_my_param_count = {count}\n" + extra
    dest.write_text(json.dumps(nb))
    return dest


def notebook_of(cells: list[str], dest: Path) -> Path:
    """A notebook with exactly these code cells."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(dest))
    return dest


def working_levels() -> list[str]:
    """The isolation levels that start on this machine, strongest first (probed once per worker)."""
    from nnlab.sandbox import launch

    return [level for level in launch.LEVELS if launch.probe(level) is None]


LEVELS = working_levels()
SANDBOXED = [level for level in LEVELS if level != "plain"]


@pytest.fixture
def use_level(monkeypatch: pytest.MonkeyPatch):
    """``use_level(name)`` makes children start at that isolation level for the rest of the test."""
    from nnlab.sandbox import launch

    def use(level: str) -> str:
        monkeypatch.setenv("NNLAB_ISOLATION", level)
        launch.isolation_level.cache_clear()
        return level

    yield use
    monkeypatch.undo()
    launch.isolation_level.cache_clear()


def strongest_fast(levels: list[str]) -> list:
    """``levels``, the strongest in every tier, the others in the slow tier only (the full suite
    tests every level; everyday ``--fast`` runs test the one grading would pick)."""
    return levels[:1] + [pytest.param(level, marks=pytest.mark.slow) for level in levels[1:]]


@pytest.fixture(params=strongest_fast(LEVELS))
def level(request: pytest.FixtureRequest, use_level) -> str:
    """Each isolation level this machine offers, plain included."""
    return use_level(request.param)


@pytest.fixture(params=strongest_fast(SANDBOXED))
def sandboxed(request: pytest.FixtureRequest, use_level) -> str:
    """Each isolation level this machine offers that grading accepts (not plain)."""
    return use_level(request.param)
