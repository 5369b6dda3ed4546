"""The ``nnlab`` command: a thin map from subcommands onto the stages."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nnlab import gradebook_commands
from nnlab.course import CourseError, find_course

if TYPE_CHECKING:
    from nnlab.gradebook import SubmissionResult
    from nnlab.roster import Roster


class _Help(argparse.ArgumentDefaultsHelpFormatter):
    """``--help`` with every default: added where the help text does not already say it."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "default" in text or action.default is None or action.default is False:
            return text
        return super()._get_help_string(action)


class _Parser(argparse.ArgumentParser):
    """An argument parser, and its subcommands' parsers, with :class:`_Help`."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(**kwargs)  # type: ignore[arg-type]


def _release(args: argparse.Namespace) -> int:
    from nnlab.release import ReleaseError, check, drift, release
    from nnlab.versions import versions

    course = find_course()
    assignments = args.assignments or course.weeks()
    if args.check:
        failed = False
        for assignment in assignments:
            released, problems = check(course, assignment, args.verify)
            lines = [f"not releasable: {p}" for p in problems] or [
                _stale(course.root, assignment, f) for f in drift(course, assignment, released)]
            failed = failed or bool(lines)
            for line in lines or ["up to date"]:
                print(f"{assignment}: {line}")
        return 1 if failed else 0
    for assignment in assignments:
        try:
            had = len(versions(course, assignment))
            written = release(course, assignment, args.verify, args.note)
        except ReleaseError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"released {assignment}: " + ", ".join(str(p.relative_to(course.root)) for p in written))
        if len(log := versions(course, assignment)) > had:
            print(f"{assignment}: recorded {log[-1].describe()}"
                  + ("" if args.note or not had else " (no --note given)"))
    return 0


def _stale(root: Path, assignment: str, rel: str) -> str:
    """One out-of-date file of ``nnlab release --check``; an existing versions log is out of date when the
    week's grading changed since its last version."""
    if rel.endswith("versions.json") and (root / rel).exists():
        return (f"out of date: {rel} does not record the week's grading now (run `nnlab release {assignment} "
                '--note "<what you corrected>"`)')
    return f"out of date: {rel} (run `nnlab release {assignment}`)"


def _new(args: argparse.Namespace) -> int:
    from nnlab.release import ReleaseError
    from nnlab.release.scaffold import new_week

    course = find_course()
    try:
        written = new_week(course, args.assignment)
    except ReleaseError as exc:
        print(f"nnlab: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(course.root)}")
    print(f"next: edit them (docs/authoring.md), then `nnlab release {args.assignment} --verify`")
    return 0


def _bundle(args: argparse.Namespace) -> int:
    from nnlab.release import ReleaseError, build_bundle

    course = find_course()
    for assignment in args.assignments or course.weeks():
        try:
            out = args.out / assignment / "gradescope.zip" if args.out else None
            path = build_bundle(course, assignment, out, args.roster)
        except ReleaseError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"Gradescope bundle of {assignment}: {path}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from nnlab import regrade, report, versions
    from nnlab.grade import grade_all
    from nnlab.gradebook import Gradebook
    from nnlab.layouts import discover
    from nnlab.sandbox.launch import grading_level

    week = find_course().week(args.assignment)
    known = Gradebook(args.gradebook).lms_students(week.assignment) if args.gradebook.is_file() else {}
    found = discover(args.paths, week, _roster(args.roster), known)
    subs = found.submissions
    for note in found.notes:
        print(f"note: {note}", file=sys.stderr)
    err = Console(stderr=True)
    level = grading_level(args.unsandboxed)
    err.print(f"sandbox: {level}" + ("" if level != "plain" else
              " (NO isolation: student code can read and change everything you can; --unsandboxed)"))
    print(f"gradebook: {args.gradebook.resolve()}", file=sys.stderr)
    gradebook = Gradebook(args.gradebook)
    before = {r.student: r for r in gradebook.load(week.assignment)}
    logged, version = {v.number: v for v in versions.versions(week.course, week.assignment)}, versions.current(week)
    if logged and not version:
        print(f"note: {week.assignment}'s grading changed since its last version (v{max(logged)}): run `nnlab release "
              f'{week.assignment} --note "<what you corrected>"` to record it', file=sys.stderr)
    with Progress(TextColumn("grading {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(week.assignment, total=len(subs))
        results = grade_all(week, subs, gradebook, jobs=args.jobs, unsandboxed=args.unsandboxed,
                            progress=lambda r: bar.update(task, advance=1,
                                                          description=f"{week.assignment} ({r.student})"))
    results = gradebook.graded_with(results, version.number if version else 0)
    if args.json:
        for r in results:
            print(json.dumps(r.to_json()), flush=True)
    else:
        report.score_table(results, Console())
    everyone = gradebook.view(week.assignment)  # the CSV is the whole week's, whatever was graded now
    csv = report.write_csv(everyone, args.csv or args.gradebook.with_name(f"grades-{week.assignment}.csv"))
    graded = {r.student for r in results}
    feedback = report.write_feedback([r for r in everyone if r.student in graded],
                                     args.feedback or args.gradebook.parent / "feedback", args.reveal)
    err.print(f"gradebook {args.gradebook}, CSV {csv} ({len(everyone)} students), "
              f"feedback in {feedback / week.assignment}")
    if moved := regrade.changes(before, results, logged):
        table = regrade.write_changes(moved, args.gradebook.with_name(f"regrade-{week.assignment}.csv"))
        print(f"regrade: {len(moved)} score(s) changed (all in {table}):", file=sys.stderr)
        for change in moved[:20]:
            print(f"  {change.describe()}", file=sys.stderr)
    reused = sum(r.reused for r in results)
    summary = (f"summary: {len(results) - reused} graded, {reused} reused from the gradebook, "
               f"{sum(r.error is not None for r in results)} failed to run, "
               f"{sum(r.isolation != 'bwrap' for r in results)} graded below full isolation (bwrap)")
    if found.unmatched:
        summary += (f"; {len(found.unmatched)} without a roster match (variant items not checked): "
                    + ", ".join(f"{s.student} ({s.name})" if s.name else s.student for s in found.unmatched))
    if found.not_on_roster:
        summary += f"; {len(found.not_on_roster)} not on the roster: {', '.join(found.not_on_roster)}"
    untimed = [r.student for r in results if not r.submitted_at]
    if gradebook.deadline(week.assignment) and untimed:
        summary += (f"; {len(untimed)} without the LMS's submission time (Canvas and Moodle downloads carry none): "
                    "no late penalty applied to them")
    print(summary, file=sys.stderr)
    return 0


def _roster(path: Path | None) -> Roster | None:
    from nnlab.roster import Roster

    return Roster.read(path) if path else None


def _check(args: argparse.Namespace) -> int:
    from nnlab.check import check_notebook, said

    tests = check_notebook(args.assignment, args.notebook)
    for t in tests:
        mark = "ok  " if t.passed else "FAIL"
        print(f"{mark} {t.name}{said(t)}")
    passed = sum(t.passed for t in tests)
    print(f"{passed} of {len(tests)} public checks passed")
    return 0 if passed == len(tests) else 1


def _report(args: argparse.Namespace) -> int:
    from rich.console import Console

    from nnlab import report, report_html

    results = _week_results(args)
    if not results:
        return 1
    report.score_table(results, Console())
    folder = args.out or args.gradebook.parent
    page = report_html.write_html(results, folder / f"report-{args.assignment}.html")
    png = report.distribution_plot(results, folder / f"report-{args.assignment}.png")
    print(f"class report: {page}\nclass distribution plot: {png}")
    return 0


def _week_results(args: argparse.Namespace) -> list[SubmissionResult]:
    """The week's results from the gradebook, with the TA's overrides; empty (and why) when there are none."""
    book = gradebook_commands.existing(args.gradebook)
    results = book.view(args.assignment) if book else []
    if book and not results:
        print(f"no results for {args.assignment} in {args.gradebook}", file=sys.stderr)
    return results


def _export(args: argparse.Namespace) -> int:
    from nnlab import exports, report

    if args.lms == "otter":
        return _otter(args)
    if args.lms == "canvas" and not args.canvas_assignment:
        print('nnlab: a Canvas export needs --canvas-assignment "<name> (<id>)", the assignment\'s column header '
              "as a Canvas grade export writes it", file=sys.stderr)
        return 2
    results = _week_results(args)
    if not results:
        return 1
    out = args.out or args.gradebook.parent / f"{args.lms}-{args.assignment}.csv"
    if args.lms == "canvas":
        done = exports.canvas(results, args.canvas_assignment, out, _roster(args.roster))
    elif args.lms == "moodle":
        done = exports.moodle(results, out, _roster(args.roster))
    else:
        done = exports.Export(report.write_csv(results, out), len(results))
    print(f"{args.lms} export of {args.assignment}: {done.path} ({done.rows} of {len(results)} students)")
    for line in done.left_out:
        print(f"left out: {line}", file=sys.stderr)
    return 0


def _otter(args: argparse.Namespace) -> int:
    from nnlab.otter_export import build_otter
    from nnlab.release import ReleaseError

    try:
        path = build_otter(find_course(), args.assignment, args.out, args.roster)
    except ReleaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"otter autograder of {args.assignment}: {path} (`otter run -a {path} <notebook>`; docs/otter.md)")
    return 0


def _quiz_keys(args: argparse.Namespace) -> int:
    from nnlab.judge_variants import quiz_keys

    week = find_course().week(args.assignment)
    if args.roster:
        students = [p.login for p in _roster(args.roster).people]
    elif args.students:
        students = args.students
    else:
        book = gradebook_commands.existing(args.gradebook)
        students = sorted(r.student for r in book.load(week.assignment)) if book else []
    if not students:
        print("nnlab: no students: give --roster, student ids, or a gradebook with results", file=sys.stderr)
        return 2
    keys = quiz_keys(week.cases, students)
    items = sorted({item for by_item in keys.values() for item in by_item})
    print("\t".join(["student", *items]))
    for student, by_item in keys.items():
        print("\t".join([student, *(_shown(by_item[item]) for item in items)]))
    return 0


def _shown(key: object) -> str:
    """A key as a TA reads it: numbers rounded to 6 significant digits, arrays as lists."""
    import numpy as np

    value = np.asarray(key)
    if value.dtype.kind in "fc":
        value = np.round(value, 6) + 0.0  # no "-0.0"
        return str(value.tolist()) if value.ndim else f"{float(value):.6g}"
    return str(value.tolist()) if value.ndim else str(key)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="nnlab", description=__doc__)
    gradebook = gradebook_commands.option()
    roster = {"type": Path, "help": "roster CSV mapping the download's names to logins (columns login, name, email, "
                                    "lms_id, sis_user_id, sis_login_id, section; see README; default: none, ids "
                                    "as the download gives them)"}
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("release", help="generate student notebooks, solutions and autograder files from source/")
    r.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    r.add_argument("--check", action="store_true", help="write nothing: report authoring slips, failed safety checks and out-of-date generated files, else \"up to date\" (exit 1 unless all are)")
    r.add_argument("--note", default="", help='why the week changed, recorded with its new version in '
                                             'autograder/<id>/versions.json when its grading changed, such as '
                                             '"fix the tolerance of answer_my_x" (default: none)')
    r.add_argument("--verify", action="store_true",
                   help="also grade the week's mistake corpus (tests/corpus/<id>/) and refuse when a right file "
                        "loses points or a wrong file passes (slower)")
    r.set_defaults(run=_release)
    n = sub.add_parser("new", help="write a releasable skeleton of a new week: master notebook, case table, corpus")
    n.add_argument("assignment", help="the new week's id, such as 05_optimizers")
    n.set_defaults(run=_new)
    b = sub.add_parser("bundle", help="build the Gradescope autograder zip of released weeks")
    b.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    b.add_argument("--out", type=Path, help="folder for <id>/gradescope.zip (default: build/ in the course)")
    b.add_argument("--roster", type=Path, help="roster CSV to bundle: Gradescope submitters are then filed under "
                                               "their login (default: none, the local part of their e-mail)")
    b.set_defaults(run=_bundle)
    g = sub.add_parser("grade", help="grade submitted notebooks into the gradebook")
    g.add_argument("assignment")
    g.add_argument("paths", nargs="+", type=Path,
                   help="notebooks or folders of them: LMS downloads (Canvas, Moodle, Gradescope export), nbgrader's "
                        "submitted/, or <student>/ folders; a later path replaces an earlier one's notebook")
    g.add_argument("--roster", **roster)
    g.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded at once")
    g.add_argument("--gradebook", **gradebook)
    g.add_argument("--json", action="store_true", help="print one JSON object per submission")
    g.add_argument("--csv", type=Path, help="CSV export (default: grades-<id>.csv beside the gradebook)")
    g.add_argument("--feedback", type=Path, help="feedback folder (default: feedback/ beside the gradebook)")
    g.add_argument("--reveal", action="store_true",
                   help="after the deadline: feedback files show hidden cases' expected values too")
    g.add_argument("--unsandboxed", action="store_true",
                   help="grade even where no sandbox can start (student code then runs with your rights: "
                        "only for notebooks you trust)")
    g.set_defaults(run=_grade)
    c = sub.add_parser("check", help="run the public checks on your notebook")
    c.add_argument("assignment")
    c.add_argument("notebook", type=Path)
    c.set_defaults(run=_check)
    rp = sub.add_parser("report", help="score table, class report page (HTML) and plot (PNG) from the gradebook")
    rp.add_argument("assignment")
    rp.add_argument("--gradebook", **gradebook)
    rp.add_argument("--out", type=Path,
                    help="folder for report-<id>.html and report-<id>.png (default: the gradebook's folder)")
    rp.set_defaults(run=_report)
    e = sub.add_parser("export", help="write a week's grades from the whole gradebook for an LMS to import, "
                                      "or the week as an otter-grader autograder")
    e.add_argument("assignment")
    e.add_argument("lms", choices=("canvas", "moodle", "scores", "otter"),
                   help="canvas: gradebook import CSV; moodle: the assignment's grading worksheet; scores: nnlab's CSV; "
                        "otter: the week's otter-grader autograder zip, for `otter run` and otter's Gradescope flow "
                        "(no gradebook; `nnlab export otter <id>` works too; see docs/otter.md)")
    e.add_argument("--canvas-assignment", metavar="COLUMN",
                   help='the Canvas column, "<assignment name> (<assignment id>)" as a Canvas grade export writes it '
                        "(default: none; needed for canvas)")
    e.add_argument("--roster", **roster)
    e.add_argument("--gradebook", **gradebook)
    e.add_argument("--out", type=Path, help="the CSV file (default: <lms>-<id>.csv beside the gradebook; "
                                            "otter: build/<id>/otter.zip in the course)")
    e.set_defaults(run=_export)
    q = sub.add_parser("quiz-keys", help="every student's per-student quiz items and their keys, for office hours "
                                         "(tab-separated)")
    q.add_argument("assignment")
    q.add_argument("students", nargs="*", help="student ids (default: the roster's logins, else the gradebook's "
                                               "students of the week)")
    q.add_argument("--roster", **roster)
    q.add_argument("--gradebook", **gradebook)
    q.set_defaults(run=_quiz_keys)
    gradebook_commands.add(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    from nnlab.exports import ExportError
    from nnlab.gradebook import GradebookError
    from nnlab.late import LateError
    from nnlab.roster import RosterError
    from nnlab.sandbox.launch import IsolationError

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:2] == ["export", "otter"] and len(argv) > 2:  # the target first, as otter's users say it
        argv[1:3] = argv[2], "otter"
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (CourseError, FileNotFoundError, IsolationError, RosterError, GradebookError, ExportError,
            LateError) as exc:
        print(f"nnlab: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
