"""CPU budgets follow from the reference's own time: a multiple plus a floor, under the caps."""
from __future__ import annotations

from pathlib import Path

from nnlab.budgets import CELL_FLOOR, FLOOR, MULTIPLE, budget, call_budgets, cell_limits
from nnlab.cases import Case
from nnlab.course import Course
from nnlab.week import Week
from nnlab.judge import Close
from nnlab.sandbox.launch import Limits

SPIN = "import time\n_t = time.thread_time()\nwhile time.thread_time() - _t < {seconds}:\n    pass\n"


def course_with_reference(tmp_path: Path, top_level_seconds: float) -> Week:
    """A one-week course whose reference spends ``top_level_seconds`` of CPU at import and whose
    ``slow`` takes 0.2 s and ``quick`` nothing."""
    folder = tmp_path / "autograder" / "w"
    folder.mkdir(parents=True)
    (folder / "reference.py").write_text(
        SPIN.format(seconds=top_level_seconds)
        + "def slow():\n    _t = time.thread_time()\n    while time.thread_time() - _t < 0.2:\n        pass\n"
          "    return 1\n\ndef quick():\n    return 1\n")
    (folder / "cases.py").write_text(
        "from nnlab.cases import Case\nfrom nnlab.judge import Close\n"
        "CASES = [Case('slow/a', 'slow', Close(), timeout=30), Case('quick/a', 'quick', Close(), timeout=30),"
        " Case('quick/capped', 'quick', Close(), timeout=0.5)]\n")
    return Week("w", Course(tmp_path))


def test_a_call_may_use_a_multiple_of_the_reference_plus_a_floor_under_its_timeout(tmp_path: Path) -> None:
    cpu = call_budgets(course_with_reference(tmp_path, 0.0))
    assert MULTIPLE * 0.2 + FLOOR <= cpu["slow/a"] < MULTIPLE * 0.3 + FLOOR
    assert FLOOR <= cpu["quick/a"] < FLOOR + 0.1
    assert cpu["quick/capped"] == 0.5
    assert budget(Case("x", "x", Close(), timeout=7), None) == 7  # nothing to time: the cap


def test_a_cell_may_use_a_multiple_of_the_reference_cells_plus_a_floor_under_the_cap(tmp_path: Path) -> None:
    quick = cell_limits(course_with_reference(tmp_path / "a", 0.0), Limits())
    assert CELL_FLOOR <= quick.cell_cpu_seconds < CELL_FLOOR + 0.5 < Limits().cell_cpu_seconds
    slow = cell_limits(course_with_reference(tmp_path / "b", 0.1), Limits(cell_cpu_seconds=60))
    assert MULTIPLE * 0.1 + CELL_FLOOR <= slow.cell_cpu_seconds < MULTIPLE * 0.2 + CELL_FLOOR
    assert cell_limits(course_with_reference(tmp_path / "c", 0.4), Limits()).cell_cpu_seconds == 5.0


def test_the_reference_is_timed_once_per_machine_and_week_version(tmp_path: Path) -> None:
    """A second grading process reuses the first one's times; a corrected reference is timed again."""
    import os
    import subprocess
    import sys

    folder = tmp_path / "autograder" / "w"
    folder.mkdir(parents=True)
    count = tmp_path / "timed"
    (folder / "reference.py").write_text(f"def f():\n    open({str(count)!r}, 'a').write('x')\n    return 1\n")
    (folder / "cases.py").write_text("from nnlab.cases import Case\nfrom nnlab.judge import Close\n"
                                     "CASES = [Case('f/a', 'f', Close(), timeout=30)]\n")
    code = (f"from nnlab.budgets import call_budgets\nfrom nnlab.course import Course\nfrom nnlab.week import Week\n"
            f"print(call_budgets(Week('w', Course(__import__('pathlib').Path({str(tmp_path)!r})))))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def grade_in_a_new_process() -> None:
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)

    grade_in_a_new_process()
    grade_in_a_new_process()
    assert count.read_text() == "x"
    (folder / "reference.py").write_text((folder / "reference.py").read_text() + "# corrected\n")
    grade_in_a_new_process()
    assert count.read_text() == "xx"
