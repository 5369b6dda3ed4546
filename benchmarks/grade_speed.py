#!/usr/bin/env python3
"""Grading speed: seconds per submission for a class of N notebooks, written to benchmarks/results.json.

    .venv/bin/python benchmarks/grade_speed.py [--copies 10] [--jobs 2]

The class is the sample submissions of every week in examples/submissions/, copied ``--copies``
times under new student names (so every copy is really graded, not taken from the gradebook).
"""
from __future__ import annotations

import argparse
import json
import platform
import shutil
import tempfile
import time
from pathlib import Path

from nnlab.course import Course
from nnlab.grade import discover, grade_all
from nnlab.gradebook import Gradebook
from nnlab.sandbox.launch import isolation_level

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "results.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    course = Course(ROOT)
    results = {"machine": f"{platform.machine()}, {platform.python_version()}", "isolation": isolation_level(),
               "jobs": args.jobs, "weeks": {}}
    for samples in sorted((ROOT / "examples" / "submissions").iterdir()):
        week = course.week(samples.name)
        with tempfile.TemporaryDirectory() as tmp:
            for copy in range(args.copies):
                for sub in discover([samples]):
                    dest = Path(tmp) / f"{sub.student}-{copy}" / sub.path.name
                    dest.parent.mkdir(parents=True)
                    shutil.copy(sub.path, dest)
            subs = discover([Path(tmp)])
            start = time.perf_counter()
            graded = grade_all(week, subs, Gradebook(Path(tmp) / "gb.db"), jobs=args.jobs)
            wall = time.perf_counter() - start
        results["weeks"][week.id] = {
            "submissions": len(subs), "wall_seconds": round(wall, 1),
            "seconds_per_submission": round(wall / len(subs), 2),
            "mean_child_seconds": round(sum(r.seconds for r in graded) / len(graded), 2),
            "max_child_seconds": round(max(r.seconds for r in graded), 2)}
        print(week.id, results["weeks"][week.id], flush=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
