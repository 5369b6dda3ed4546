"""When a class is graded again (a fix to a week's cases, a resubmission): whose score changed, and
why, case by case. ``nnlab grade`` prints it and writes it beside the gradebook."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from nnlab.gradebook import SubmissionResult
from nnlab.versions import Version


@dataclass(frozen=True)
class Change:
    """One student's score before and after a regrade, and the cases that moved it."""

    student: str
    before: float
    after: float
    why: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.student}: {self.before:g} -> {self.after:g} ({'; '.join(self.why)})"


def changes(before: dict[str, SubmissionResult], after: list[SubmissionResult],
            versions: dict[int, Version] | None = None) -> list[Change]:
    """The students of ``after`` (graded now, not reused) whose score differs from ``before`` (their
    earlier results, by student), biggest change first; ``versions`` (the week's, by number) say why
    a version changed."""
    found = []
    for new in after:
        old = before.get(new.student)
        if old is None or new.reused or (old.score == new.score and old.error == new.error):
            continue
        found.append(Change(new.student, old.score, new.score, _version(old, new, versions or {}) + _why(old, new)))
    return sorted(found, key=lambda c: (-abs(c.after - c.before), c.student))


def _version(old: SubmissionResult, new: SubmissionResult, versions: dict[int, Version]) -> tuple[str, ...]:
    """``graded with v1, now v2: <its note>`` when the week's version changed in between (``v1, now v3: v2:
    <its note> / v3: <its note>`` across several)."""
    if old.version == new.version:
        return ()
    was = f"v{old.version}" if old.version else "an unrecorded version"
    if not new.version:
        return (f"graded with {was}, now an unrecorded version (run `nnlab release {new.assignment}`)",)
    since = [versions[n] for n in range(old.version + 1 if old.version else new.version, new.version + 1)
             if n in versions]
    why = since[0].why if len(since) == 1 else " / ".join(f"v{v.number}: {v.why}" for v in since)
    return (f"graded with {was}, now v{new.version}" + (f": {why}" if why else ""),)


def _why(old: SubmissionResult, new: SubmissionResult) -> tuple[str, ...]:
    """The cases whose points differ (added and dropped cases too), and a new file or run error."""
    lines = []
    if old.path != new.path:
        lines.append(f"graded file now {Path(new.path).name}")
    if old.error != new.error:
        lines.append(f"not graded: {new.error}" if new.error else "runs now")
    was = {t.name: t for t in old.tests}
    now = {t.name: t for t in new.tests}
    for name, t in now.items():
        if name not in was:
            lines.append(f"new case {name}: {t.score:g} of {t.max_score:g}")
        elif was[name].score != t.score:
            lines.append(f"{name}: {was[name].score:g} -> {t.score:g}"
                         + ("" if t.score >= was[name].score else f" ({t.symptom})"))
    lines += [f"case {name} dropped (was {t.score:g} of {t.max_score:g})" for name, t in was.items() if name not in now]
    return tuple(lines)


def write_changes(found: list[Change], path: Path) -> Path:
    """The changes as CSV: student, before, after, difference, why."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "before", "after", "difference", "why"])
        w.writerows([c.student, f"{c.before:g}", f"{c.after:g}", f"{c.after - c.before:+g}", "; ".join(c.why)]
                    for c in found)
    return path
