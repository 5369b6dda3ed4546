"""What people read: the score table, the LMS CSV, per-student feedback and the class distribution plot."""
from __future__ import annotations

import csv
import statistics
from pathlib import Path

from rich.console import Console
from rich.table import Table

from nnlab.gradebook import SubmissionResult


def score_table(results: list[SubmissionResult], console: Console) -> None:
    """Print one line per student: score, and what went wrong first."""
    table = Table(title=f"{results[0].assignment}: {len(results)} submission(s)" if results else "no submissions")
    for column, justify in (("student", "left"), ("score", "right"), ("max", "right"), ("first problem", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    for r in results:
        first = r.error or next((f"{t.name}: {t.message}" for t in r.tests if not t.passed), "")
        table.add_row(r.student, f"{r.score:g}", f"{r.max_score:g}", first[:140])
    console.print(table)
    if results:
        scores = [r.score for r in results]
        console.print(f"mean {statistics.mean(scores):.2f}, median {statistics.median(scores):g}, "
                      f"errors {sum(r.error is not None for r in results)}")


def write_csv(results: list[SubmissionResult], path: Path) -> Path:
    """One row per student, total and per-test columns: ready for an LMS import."""
    tests = [t.name for t in results[0].tests] if results else []
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["student", "assignment", "score", "max_score", "percent", "error", "isolation", *tests])
        for r in results:
            by = {t.name: t.score for t in r.tests}
            pct = 100 * r.score / r.max_score if r.max_score else 0
            w.writerow([r.student, r.assignment, f"{r.score:g}", f"{r.max_score:g}", f"{pct:.1f}", r.error or "",
                        r.isolation, *(f"{by.get(n, 0):g}" for n in tests)])
    return path


def feedback_text(r: SubmissionResult) -> str:
    """A student's feedback: score, each failed case with its message, cells that raised."""
    lines = [f"# {r.assignment}: feedback for {r.student}", "", f"Score: {r.score:g} / {r.max_score:g}", ""]
    if r.error:
        lines += [f"Your notebook could not be graded: {r.error}", ""]
    failed = [t for t in r.tests if not t.passed]
    passed = len(r.tests) - len(failed)
    lines.append(f"{passed} of {len(r.tests)} checks passed.")
    if failed and not r.error:
        lines += ["", "## What to fix", ""]
        lines += [f"- **{t.name}** ({t.score:g}/{t.max_score:g}): {t.message}" for t in failed]
    if r.notes:
        lines += ["", "## Cells that raised an error while grading", ""] + [f"- {n}" for n in r.notes]
    return "\n".join(lines) + "\n"


def write_feedback(results: list[SubmissionResult], folder: Path) -> Path:
    """``folder/<assignment>/<student>.md`` for every student."""
    for r in results:
        out = folder / r.assignment / f"{r.student}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(feedback_text(r))
    return folder


def distribution_plot(results: list[SubmissionResult], path: Path) -> Path:
    """A PNG: the histogram of total scores, and the pass rate of every test."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    tests = [t.name for t in results[0].tests] if results else []
    rates = [sum(1 for r in results for t in r.tests if t.name == n and t.passed) / len(results)
             for n in tests]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, max(4, 0.22 * len(tests) + 1)),
                                   gridspec_kw={"width_ratios": [1, 1.4]})
    max_score = results[0].max_score if results else 1
    ax1.hist([r.score for r in results], bins=min(20, max(5, len(results))), range=(0, max_score),
             color="#4477aa", edgecolor="white")
    ax1.set(title=f"{results[0].assignment if results else ''}: total scores (n={len(results)})",
            xlabel=f"score (of {max_score:g})", ylabel="students")
    ax1.yaxis.set_major_locator(MaxNLocator(integer=True))  # students come whole
    ax2.barh(range(len(tests)), rates, color="#66aa55")
    ax2.set_yticks(range(len(tests)), tests, fontsize=7)
    ax2.invert_yaxis()
    ax2.set(xlim=(0, 1), title="share of students passing each test", xlabel="pass rate")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
