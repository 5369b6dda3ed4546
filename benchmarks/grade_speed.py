#!/usr/bin/env python3
"""Grading speed against real nbgrader and the interpreter's own start-up, and grading memory
against class size; written to benchmarks/results.json under ``"grading"``.

    .venv/bin/python benchmarks/grade_speed.py [--copies 10] [--sample-copies 3] [--jobs 2] [--nbgrader]
                                              [--cold] [--memory 50 500]

Per week, two classes, each graded by ``nnlab grade``'s own function (``grade_all``, a fresh
gradebook, so nothing is reused):

- ``ref-stub``: ``--copies`` reference notebooks and as many untouched student notebooks;
- ``samples``: the week's sample class in examples/submissions/ (with its endless loop and
  crashing notebooks), copied ``--sample-copies`` times (default: ``--copies``) under new names.

For each it records seconds per notebook for nnlab, for ``nbgrader autograde`` on the same
notebooks (with ``--nbgrader``; from our master notebook, as a course running nbgrader would) and
for starting ``python -c "import numpy"`` once per notebook with the same parallelism (the floor
for one fresh child per notebook), and the ratios; with ``--cold``, nnlab again without its warm
workers (a fresh interpreter per run), to see what they gain. ``--memory`` grades that many stub notebooks of
week 1 in a fresh process each and records the grading process's peak memory.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from nnlab.course import Course
from nnlab.grade import grade_all
from nnlab.gradebook import Gradebook
from nnlab.layouts import discover
from nnlab.sandbox import warm
from nnlab.sandbox.launch import isolation_level
from record import write

ROOT = Path(__file__).resolve().parent.parent


def ref_stub_class(course: Course, week: str, copies: int, dest: Path, layout: str = "") -> None:
    """``copies`` reference and ``copies`` stub notebooks, one student folder each."""
    for copy in range(copies):
        for kind, source in (("ref", course.solution_notebook(week)), ("stub", course.student_notebook(week))):
            target = dest / f"{kind}-{copy}" / layout / f"{week}.ipynb"
            target.parent.mkdir(parents=True)
            shutil.copy(source, target)


def sample_class(samples: Path, copies: int, dest: Path, layout: str = "") -> None:
    """The sample class copied ``copies`` times; ``layout`` is a path under a student's folder
    (``""`` for nnlab's ``<student>/<name>.ipynb``, ``"<week>"`` for nbgrader's)."""
    for copy in range(copies):
        for sub in discover([samples]).submissions:
            target = dest / f"{sub.student}-{copy}" / layout / sub.path.name
            target.parent.mkdir(parents=True)
            shutil.copy(sub.path, target)


def nnlab_seconds(week: str, folder: Path, jobs: int) -> tuple[float, int]:
    wk = Course(ROOT).week(week)
    subs = discover([folder], wk).submissions
    start = time.perf_counter()
    grade_all(wk, subs, Gradebook(folder / "gb.db"), jobs=jobs)
    return time.perf_counter() - start, len(subs)


def nbgrader_seconds(course: Course, week: str, fill) -> float:
    """Wall seconds of ``nbgrader autograde`` on the class ``fill(dest, layout)`` makes (after
    generate_assignment, not timed)."""
    env = {**os.environ, "NNLAB_COURSE": str(ROOT), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "source" / week).mkdir(parents=True)
        shutil.copy(course.master(week), root / "source" / week)
        fill(root / "submitted", week)
        nbgrader = [sys.executable, "-m", "nbgrader"]
        flags = [f"--CourseDirectory.root={root}", "--force"]
        subprocess.run(nbgrader + ["generate_assignment", week, *flags], cwd=root, env=env, check=True,
                       capture_output=True)
        start = time.perf_counter()
        # exits 1 when any notebook failed to run (the sample class has an endless loop); timed all the same
        subprocess.run(nbgrader + ["autograde", week, *flags], cwd=root, env=env, capture_output=True)
        return time.perf_counter() - start


def start_seconds(n: int, jobs: int) -> float:
    """Wall seconds to start ``python -c 'import numpy'`` ``n`` times, ``jobs`` at once."""
    run = lambda _: subprocess.run([sys.executable, "-c", "import numpy"], check=True)  # noqa: E731
    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(run, range(n)))
    return time.perf_counter() - start


def peak_memory_mb(n: int) -> float:
    """Peak resident memory (MB) of a fresh process grading ``n`` stub notebooks of week 1."""
    out = subprocess.run([sys.executable, __file__, "--grade-stubs", str(n)], capture_output=True, text=True,
                         check=True)
    return round(float(out.stdout.split()[-1]), 1)


def grade_stubs(n: int) -> None:
    """(In the fresh process) grade ``n`` stub notebooks of week 1 and print the peak memory in MB."""
    course = Course(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            target = Path(tmp) / f"s{i}" / "01_perceptron.ipynb"
            target.parent.mkdir()
            shutil.copy(course.student_notebook("01_perceptron"), target)
        nnlab_seconds("01_perceptron", Path(tmp), 2)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def measure(course: Course, week: str, name: str, fill, args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        fill(Path(tmp), "")
        wall, n = nnlab_seconds(week, Path(tmp), args.jobs)
    row = {"notebooks": n, "nnlab_s_per_notebook": round(wall / n, 3),
           "python_numpy_start_s_per_notebook": round(start_seconds(n, args.jobs) / n, 3)}
    row["nnlab_over_start"] = round(row["nnlab_s_per_notebook"] / row["python_numpy_start_s_per_notebook"], 2)
    if args.cold:  # what the warm workers gain: the same class, a fresh interpreter per run
        os.environ["NNLAB_WARM"] = "0"
        try:
            with tempfile.TemporaryDirectory() as tmp:
                fill(Path(tmp), "")
                row["nnlab_fresh_interpreters_s_per_notebook"] = round(nnlab_seconds(week, Path(tmp), args.jobs)[0] / n, 3)
        finally:
            del os.environ["NNLAB_WARM"]
    if args.nbgrader:
        row["nbgrader_s_per_notebook"] = round(nbgrader_seconds(course, week, fill) / n, 3)
        row["nbgrader_over_nnlab"] = round(row["nbgrader_s_per_notebook"] / row["nnlab_s_per_notebook"], 1)
    print(week, name, row, flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--sample-copies", type=int, help="copies of the sample class (default: --copies)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--nbgrader", action="store_true", help="also time nbgrader autograde on the same classes")
    ap.add_argument("--cold", action="store_true", help="also time nnlab with a fresh interpreter per run (NNLAB_WARM=0)")
    ap.add_argument("--memory", type=int, nargs="*", default=[], help="class sizes for the memory measurement")
    ap.add_argument("--grade-stubs", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.grade_stubs:
        return grade_stubs(args.grade_stubs)
    course = Course(ROOT)
    results: dict = {"machine": f"{platform.machine()}, {platform.python_version()}, {os.cpu_count()} cores",
                     "isolation": isolation_level(), "warm_workers": warm.enabled(), "jobs": args.jobs,
                     "copies": args.copies, "sample_copies": args.sample_copies or args.copies, "weeks": {}}
    for week in course.weeks():
        samples = ROOT / "examples" / "submissions" / week
        results["weeks"][week] = {
            "ref-stub": measure(course, week, "ref-stub",
                                lambda dest, layout: ref_stub_class(course, week, args.copies, dest, layout), args)}
        if samples.is_dir():
            results["weeks"][week]["samples"] = measure(
                course, week, "samples",
                lambda dest, layout: sample_class(samples, args.sample_copies or args.copies, dest, layout), args)
    if args.memory:
        results["peak_memory_mb_by_class_size"] = {str(n): peak_memory_mb(n) for n in args.memory}
        print("memory", results["peak_memory_mb_by_class_size"], flush=True)
    write("grading", results)


if __name__ == "__main__":
    main()
