#!/usr/bin/env python3
"""Grading speed: seconds per submission for a class of N notebooks, written to benchmarks/results.json
(under ``"grading"``).

    .venv/bin/python benchmarks/grade_speed.py [--copies 10] [--jobs 2] [--nbgrader]

The class is the sample submissions of every week in examples/submissions/, copied ``--copies``
times under new student names (so every copy is really graded, not taken from the gradebook).
With ``--nbgrader`` the same class is also graded by the real ``nbgrader autograde`` (from our
master notebook, as a course running nbgrader would), for comparison.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nnlab.course import Course
from nnlab.grade import discover, grade_all
from nnlab.gradebook import Gradebook
from nnlab.sandbox.launch import isolation_level

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "results.json"


def copy_class(samples: Path, copies: int, dest: Path, layout: str) -> int:
    """Copy the sample class ``copies`` times into ``dest``; ``layout`` is a path under a student's
    folder (``""`` for nnlab's ``<student>/<name>.ipynb``, ``"<week>"`` for nbgrader's)."""
    subs = discover([samples])
    for copy in range(copies):
        for sub in subs:
            target = dest / f"{sub.student}-{copy}" / layout / sub.path.name
            target.parent.mkdir(parents=True)
            shutil.copy(sub.path, target)
    return copies * len(subs)


def nbgrader_seconds(course: Course, week: str, samples: Path, copies: int) -> float:
    """Wall seconds of ``nbgrader autograde`` on the class (after generate_assignment, not timed)."""
    env = {**os.environ, "NNLAB_COURSE": str(ROOT), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "source" / week).mkdir(parents=True)
        shutil.copy(course.master(week), root / "source" / week)
        copy_class(samples, copies, root / "submitted", week)
        nbgrader = [sys.executable, "-m", "nbgrader"]
        flags = [f"--CourseDirectory.root={root}", "--force"]
        subprocess.run(nbgrader + ["generate_assignment", week, *flags], cwd=root, env=env, check=True,
                       capture_output=True)
        start = time.perf_counter()
        # exits 1 when any notebook failed to run (the sample class has an endless loop); timed all the same
        subprocess.run(nbgrader + ["autograde", week, *flags], cwd=root, env=env, capture_output=True)
        return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--nbgrader", action="store_true", help="also time nbgrader autograde on the same class")
    args = ap.parse_args()
    course = Course(ROOT)
    results = {"machine": f"{platform.machine()}, {platform.python_version()}", "isolation": isolation_level(),
               "jobs": args.jobs, "weeks": {}}
    for samples in sorted((ROOT / "examples" / "submissions").iterdir()):
        week = course.week(samples.name)
        with tempfile.TemporaryDirectory() as tmp:
            copy_class(samples, args.copies, Path(tmp), "")
            subs = discover([Path(tmp)])
            start = time.perf_counter()
            graded = grade_all(week, subs, Gradebook(Path(tmp) / "gb.db"), jobs=args.jobs)
            wall = time.perf_counter() - start
        results["weeks"][week.id] = {
            "submissions": len(subs), "wall_seconds": round(wall, 1),
            "seconds_per_submission": round(wall / len(subs), 2),
            "mean_child_seconds": round(sum(r.seconds for r in graded) / len(graded), 2),
            "max_child_seconds": round(max(r.seconds for r in graded), 2)}
        if args.nbgrader:
            seconds = nbgrader_seconds(course, week.id, samples, args.copies)
            results["weeks"][week.id]["nbgrader_autograde_wall_seconds"] = round(seconds, 1)
            results["weeks"][week.id]["nbgrader_seconds_per_submission"] = round(seconds / len(subs), 2)
        print(week.id, results["weeks"][week.id], flush=True)
    everything = json.loads(OUT.read_text()) if OUT.exists() else {}
    everything["grading"] = results
    OUT.write_text(json.dumps(everything, indent=2) + "\n")
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
