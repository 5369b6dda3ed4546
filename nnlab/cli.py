"""The ``nnlab`` command: a thin map from subcommands onto the stages."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from nnlab.course import CourseError, find_course


def _release(args: argparse.Namespace) -> int:
    from nnlab.release import ReleaseError, drift, release

    course = find_course()
    weeks = args.weeks or course.weeks()
    if args.check:
        stale = [f for w in weeks for f in drift(course, w)]
        for f in stale:
            print(f"out of date: {f} (run `nnlab release`)")
        return 1 if stale else 0
    for week in weeks:
        try:
            written = release(course, week)
        except ReleaseError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"released {week}: " + ", ".join(str(p.relative_to(course.root)) for p in written))
    return 0


def _bundle(args: argparse.Namespace) -> int:
    from nnlab.release import ReleaseError, build_bundle

    course = find_course()
    for week in args.weeks or course.weeks():
        try:
            path = build_bundle(course, week, args.out / week / "gradescope.zip" if args.out else None)
        except ReleaseError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"Gradescope bundle of {week}: {path}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from nnlab import report
    from nnlab.grade import discover, grade_all
    from nnlab.gradebook import Gradebook
    from nnlab.sandbox.launch import grading_level

    week = find_course().week(args.assignment)
    subs = discover(args.paths)
    err = Console(stderr=True)
    level = grading_level(args.unsandboxed)
    err.print(f"sandbox: {level}" + ("" if level != "plain" else
              " (NO isolation: student code can read and change everything you can; --unsandboxed)"))
    gradebook = Gradebook(args.gradebook)
    with Progress(TextColumn("grading {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(week.id, total=len(subs))
        results = grade_all(week, subs, gradebook, jobs=args.jobs, unsandboxed=args.unsandboxed,
                            progress=lambda r: bar.update(task, advance=1, description=f"{week.id} ({r.student})"))
    if args.json:
        for r in results:
            print(json.dumps(r.to_json()), flush=True)
    else:
        report.score_table(results, Console())
    csv = report.write_csv(results, args.csv or args.gradebook.with_name(f"grades-{week.id}.csv"))
    feedback = report.write_feedback(results, args.feedback or args.gradebook.parent / "feedback")
    err.print(f"gradebook {args.gradebook}, CSV {csv}, feedback in {feedback / week.id}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from nnlab.check import check_notebook

    tests = check_notebook(args.assignment, args.notebook)
    for t in tests:
        mark = "ok  " if t.passed else "FAIL"
        print(f"{mark} {t.name}" + ("" if t.passed else f": {t.message}"))
    passed = sum(t.passed for t in tests)
    print(f"{passed} of {len(tests)} public checks passed")
    return 0 if passed == len(tests) else 1


def _report(args: argparse.Namespace) -> int:
    from rich.console import Console

    from nnlab import report
    from nnlab.gradebook import Gradebook

    results = Gradebook(args.gradebook).load(args.assignment)
    if not results:
        print(f"no results for {args.assignment} in {args.gradebook}", file=sys.stderr)
        return 1
    report.score_table(results, Console())
    out = report.distribution_plot(results, args.out or args.gradebook.with_name(f"report-{args.assignment}.png"))
    print(f"class distribution plot: {out}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nnlab", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("release", help="generate student notebooks, solutions and autograder files from source/")
    r.add_argument("weeks", nargs="*", help="assignment ids (default: all)")
    r.add_argument("--check", action="store_true", help="only report generated files that are out of date")
    r.set_defaults(run=_release)
    b = sub.add_parser("bundle", help="build the Gradescope autograder zip of released weeks")
    b.add_argument("weeks", nargs="*", help="assignment ids (default: all)")
    b.add_argument("--out", type=Path, help="folder for <id>/gradescope.zip (default: build/ in the course)")
    b.set_defaults(run=_bundle)
    g = sub.add_parser("grade", help="grade submitted notebooks into the gradebook")
    g.add_argument("assignment")
    g.add_argument("paths", nargs="+", type=Path, help="notebooks or folders of them")
    g.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded at once")
    g.add_argument("--gradebook", type=Path, default=Path("gradebook.db"))
    g.add_argument("--json", action="store_true", help="print one JSON object per submission")
    g.add_argument("--csv", type=Path, help="CSV export (default: grades-<id>.csv beside the gradebook)")
    g.add_argument("--feedback", type=Path, help="feedback folder (default: feedback/ beside the gradebook)")
    g.add_argument("--unsandboxed", action="store_true",
                   help="grade even where no sandbox can start (student code then runs with your rights: "
                        "only for notebooks you trust)")
    g.set_defaults(run=_grade)
    c = sub.add_parser("check", help="run the public checks on your notebook")
    c.add_argument("assignment")
    c.add_argument("notebook", type=Path)
    c.set_defaults(run=_check)
    rp = sub.add_parser("report", help="score table and class distribution plot from the gradebook")
    rp.add_argument("assignment")
    rp.add_argument("--gradebook", type=Path, default=Path("gradebook.db"))
    rp.add_argument("--out", type=Path, help="PNG path (default: report-<id>.png beside the gradebook)")
    rp.set_defaults(run=_report)
    return p


def main(argv: list[str] | None = None) -> int:
    from nnlab.sandbox.launch import IsolationError

    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (CourseError, FileNotFoundError, IsolationError) as exc:
        print(f"nnlab: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
