"""What people read: the score table, the LMS CSV, per-student feedback, and the class report's numbers
and PNG (its HTML page is :mod:`nnlab.report_html`)."""
from __future__ import annotations

import bisect
import csv
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from nnlab.gradebook import NOT_CHECKED, SubmissionResult


def score_table(results: list[SubmissionResult], console: Console) -> None:
    """Print one line per student: the graded file, score, and what went wrong first."""
    table = Table(title=f"{results[0].assignment}: {len(results)} submission(s)" if results else "no submissions")
    for column, justify in (("student", "left"), ("file", "left"), ("score", "right"), ("max", "right"),
                            ("first problem", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    for r in results:
        first = r.error or next((f"{t.name}: {t.message}" for t in r.tests if not t.passed), "")
        table.add_row(r.student, Path(r.path).name, f"{r.score:g}", f"{r.max_score:g}", first[:140])
    console.print(table)
    if results:
        scores = [r.score for r in results]
        console.print(f"mean {statistics.mean(scores):.2f}, median {statistics.median(scores):g}, "
                      f"errors {sum(r.error is not None for r in results)}")


def write_csv(results: list[SubmissionResult], path: Path) -> Path:
    """One row per student, total and per-test columns, the graded file, whether the submitter is known
    (``matched`` no: variant items not checked yet) and the TA's overrides."""
    tests = [t.name for t in results[0].tests] if results else []
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["student", "assignment", "score", "max_score", "percent", "error", "isolation", "file", "matched",
                    "overrides", *tests])
        for r in results:
            by = {t.name: t.score for t in r.tests}
            pct = 100 * r.score / r.max_score if r.max_score else 0
            w.writerow([r.student, r.assignment, f"{r.score:g}", f"{r.max_score:g}", f"{pct:.1f}", r.error or "",
                        r.isolation, Path(r.path).name, "yes" if r.matched else "no", "; ".join(r.overrides),
                        *(f"{by.get(n, 0):g}" for n in tests)])
    return path


def feedback_text(r: SubmissionResult, reveal: bool = False) -> str:
    """A student's feedback: score and graded file, each failed case with its message (with ``reveal``:
    and its TA-only detail, the expected values of hidden cases), items not checked yet, the TA's
    overrides, cells that raised."""
    lines = [f"# {r.assignment}: feedback for {r.student}", "", f"Score: {r.score:g} / {r.max_score:g}",
             *([f"Graded file: {Path(r.path).name}"] if r.path else []), ""]
    if r.error:
        lines += [f"Your notebook could not be graded: {r.error}", ""]
    failed = [t for t in r.tests if not t.passed and t.symptom != NOT_CHECKED]
    waiting = [t for t in r.tests if t.symptom == NOT_CHECKED]
    lines.append(f"{sum(t.passed for t in r.tests)} of {len(r.tests)} checks passed.")
    if failed and not r.error:
        lines += ["", "## What to fix"]
        for target in dict.fromkeys(t.target for t in failed):  # in the notebook's order
            mine = [t for t in r.tests if t.target == target]
            wrong = [t for t in failed if t.target == target]
            points = sum(t.max_score for t in mine)
            cost = f"{sum(t.max_score - t.score for t in mine):g} of {points:g} points lost" if points else "no points"
            lines += ["", f"### {target}: {len(wrong)} of {len(mine)} checks failed ({cost})", ""]
            lines += [f"- **{t.name}** ({t.score:g}/{t.max_score:g}): {t.feedback(reveal)}" for t in wrong]
    if waiting and not r.error:
        lines += ["", "## Not checked yet", ""] + [f"- **{t.name}**: {t.message}" for t in waiting]
    if r.overrides:
        lines += ["", "## Changed by your TA", ""] + [f"- {o}" for o in r.overrides]
    if r.notes:
        lines += ["", "## Cells that raised an error while grading", ""] + [f"- {n}" for n in r.notes]
    return "\n".join(lines) + "\n"


def write_feedback(results: list[SubmissionResult], folder: Path, reveal: bool = False) -> Path:
    """``folder/<assignment>/<student>.md`` for every student (see :func:`feedback_text`)."""
    for r in results:
        out = folder / r.assignment / f"{r.student}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(feedback_text(r, reveal))
    return folder


STUCK = {"timeout": "timed out", "crash": "crashed"}  # symptoms of a call that hung or killed the child


def score_bins(scores: list[float], max_score: float, max_bars: int = 60) -> tuple[list[int], list[int]]:
    """Histogram of total scores on integer edges: one bar per whole point, or per ``k`` points (``k``
    a whole number) when there would be more than ``max_bars``. The last bar starts at the top whole
    score, so full marks get a bar of their own. Returns ``(edges, counts)``: bar ``i`` holds the
    scores ``edges[i] <= s < edges[i + 1]``."""
    top = math.floor(max_score + 1e-9)
    k = max(1, math.ceil(top / max_bars))
    edges = list(range(0, top, k)) + [top, top + k]
    counts = [0] * (len(edges) - 1)
    for s in scores:
        i = bisect.bisect_right(edges, s + 1e-9) - 1  # 46.99999999999998 is float noise in a sum, not 46
        counts[min(max(i, 0), len(counts) - 1)] += 1
    return edges, counts


def labelled_bars(n_bars: int, most: int = 26) -> list[int]:
    """Which of ``n_bars`` bars get a tick label: every 1st, 2nd, 5th, 10th... (at most ``most``), and the last."""
    step = next(m for m in (1, 2, 5, 10, 20, 50, 100, 200, 500) if n_bars / m <= most or m == 500)
    return [i for i in range(n_bars) if i % step == 0 or i == n_bars - 1]


@dataclass
class CaseStats:
    """One case across the class, counted over the submissions whose notebook ran."""

    name: str
    target: str
    points: float
    ran: int = 0
    passed: int = 0
    failures: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # symptom -> (student, message)

    @property
    def rate(self) -> float:
        """Share of the submissions that ran which passed this case."""
        return self.passed / self.ran if self.ran else 0.0

    @property
    def stuck(self) -> int:
        """How many of them timed out or crashed on it (also counted as not passed)."""
        return sum(len(self.failures.get(s, ())) for s in STUCK)

    def symptoms(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The symptoms seen, most students first (ties: the order they were first seen)."""
        return sorted(self.failures.items(), key=lambda item: -len(item[1]))


def case_stats(results: list[SubmissionResult]) -> list[CaseStats]:
    """Every case that carries points, worst pass rate first (ties in table order). Only submissions
    whose notebook ran count, and not the items left unchecked; zero-point form checks are left out."""
    stats: dict[str, CaseStats] = {}
    for r in results:
        for t in r.tests:
            if t.max_score <= 0:
                continue
            s = stats.setdefault(t.name, CaseStats(t.name, t.target, t.max_score))
            if r.error is not None or t.symptom == NOT_CHECKED:
                continue
            s.ran += 1
            if t.passed:
                s.passed += 1
            else:
                s.failures.setdefault(t.symptom, []).append((r.student, t.message))
    return sorted(stats.values(), key=lambda s: s.rate)


def trouble(results: list[SubmissionResult]) -> list[tuple[SubmissionResult, str]]:
    """Submissions that could not run, or where a case timed out or crashed, with what happened."""
    found = []
    for r in results:
        if r.error is not None:
            found.append((r, f"could not run: {r.error}"))
            continue
        parts = [f"{said} in " + ", ".join(t.name for t in r.tests if t.symptom == symptom)
                 for symptom, said in STUCK.items() if any(t.symptom == symptom for t in r.tests)]
        if parts:
            found.append((r, "; ".join(parts)))
    return found


def distribution_plot(results: list[SubmissionResult], path: Path) -> Path:
    """A PNG: the total scores on whole-point bars, and each case's pass rate, worst first, over the
    submissions that ran (timeouts and crashes in their own colour; zero-point form checks left out)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    assignment = results[0].assignment if results else ""
    max_score = max((r.max_score for r in results), default=1.0)
    edges, counts = score_bins([r.score for r in results], max_score)
    stats = case_stats(results)
    ran = sum(r.error is None for r in results)
    height = max(5.0, 0.24 * len(stats) + 1.8)
    fig = plt.figure(figsize=(14, height))
    grid = fig.add_gridspec(2, 2, width_ratios=[1, 1.3], height_ratios=[4.5, max(height - 4.5, 0.1)])
    ax1, ax2 = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[:, 1])  # the histogram keeps its height
    widths = [b - a for a, b in zip(edges, edges[1:])]
    colours = ["#4477aa"] * (len(counts) - 1) + ["#228833"]
    bars = ax1.bar(edges[:-1], counts, width=widths, align="edge", color=colours, edgecolor="white")
    ax1.bar_label(bars, labels=[str(c) if c else "" for c in counts], fontsize=8)
    ax1.set(title=f"{assignment}: total scores (n={len(results)}, full marks: {counts[-1]})",
            xlabel=f"score (of {max_score:g}); one bar per {'point' if widths[0] == 1 else f'{widths[0]} points'}",
            ylabel="students", xlim=(edges[0], edges[-1]))
    ticks = labelled_bars(len(counts))
    ax1.set_xticks([edges[i] + widths[i] / 2 for i in ticks], [str(edges[i]) for i in ticks])
    ax1.yaxis.set_major_locator(MaxNLocator(integer=True))  # students come whole
    rows = range(len(stats))
    shares = [(s.passed / max(s.ran, 1), (s.ran - s.passed - s.stuck) / max(s.ran, 1), s.stuck / max(s.ran, 1))
              for s in stats]
    left = [0.0] * len(stats)
    for i, (label, colour) in enumerate((("passed", "#66aa55"), ("wrong", "#ccbb44"),
                                         ("timed out / crashed", "#cc3311"))):
        part = [sh[i] for sh in shares]
        ax2.barh(rows, part, left=left, height=0.7, color=colour, label=label)
        left = [a + b for a, b in zip(left, part)]
    for y, s in zip(rows, stats):
        ax2.text(1.01, y, f"{s.passed}/{s.ran}", va="center", fontsize=7)
    ax2.set_yticks(list(rows), [s.name for s in stats], fontsize=7)
    ax2.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
    ax2.invert_yaxis()
    ax2.set(xlim=(0, 1.08), xlabel="share of the notebooks that ran")
    ax2.set_title(f"pass rate per case, worst first (over the {ran} that ran, {len(results) - ran} did not)", pad=20)
    ax2.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8, frameon=False)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
