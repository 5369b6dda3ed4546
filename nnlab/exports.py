"""Grades for an LMS, written from the whole gradebook of a week (with the TA's overrides), whatever
was graded last.

- **Canvas** (Grades > Import): ``Student, ID, SIS User ID, SIS Login ID, Section`` and one column
  ``<assignment name> (<assignment id>)``. Canvas finds the student by ``ID`` (its user id) or the SIS
  ids, and updates an existing assignment only through that exact header (copy it from a Canvas
  grade export); any other header would create a new assignment, so it is refused here.
- **Moodle** (the assignment's "Upload grading worksheet"): ``Identifier`` ("Participant <id>", the
  number Moodle put in the download's folder names, which Moodle draws per assignment), ``Full
  name``, ``Email address``, ``Grade``, ``Maximum Grade``, ``Last modified (grade)``, ``Feedback
  comments``. Moodle needs Identifier, Grade and Last modified (grade); it skips a grade changed
  in Moodle after "Last modified (grade)" unless told to overwrite, and a grade above the assignment's
  maximum.

Students whose submitter is not known yet (variant items not checked) are left out, and so are rows
the LMS could not place (no Canvas or SIS id; no Moodle participant id): each is listed for the TA.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from nnlab.gradebook import SubmissionResult
from nnlab.roster import Person, Roster

CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_ASSIGNMENT = re.compile(r"^.*\S \(\d+\)$")
MOODLE_COLUMNS = ("Identifier", "Full name", "Email address", "Grade", "Maximum Grade", "Last modified (grade)",
                  "Feedback comments")
MOODLE_PARTICIPANT = "Participant "  # Moodle's English "hiddenuser" string, followed by the participant id


class ExportError(Exception):
    """The export cannot be written as asked."""


@dataclass
class Export:
    """A written export: where, how many rows, and who was left out and why."""

    path: Path
    rows: int
    left_out: list[str] = field(default_factory=list)


def _lms_number(r: SubmissionResult, layout: str) -> str:
    """The submitter's number in ``layout``'s LMS, from the key discovery filed the result under."""
    kind, _, number = r.lms.partition(":")
    return number if kind == layout else ""


def _person(r: SubmissionResult, roster: Roster | None) -> Person:
    """The roster's row for a result's student, or what the gradebook knows of them."""
    return (roster.person(r.student) if roster else None) or Person(r.student, name=r.name)


def _write(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def canvas(results: list[SubmissionResult], column: str, path: Path, roster: Roster | None = None) -> Export:
    """The Canvas gradebook import CSV of one assignment, its grades in ``column`` ("Week 2 (123456)")."""
    if not CANVAS_ASSIGNMENT.match(column):
        raise ExportError(f"the Canvas column must be the assignment's name and id as Canvas writes it, "
                          f"such as \"Week 2 (123456)\" (copy it from a Canvas grade export), not {column!r}: "
                          "Canvas would create a new assignment")
    rows, left_out = [], []
    for r in results:
        p = _person(r, roster)
        canvas_id = p.lms_id or _lms_number(r, "canvas")
        if not r.matched:
            left_out.append(f"{r.student}: not matched to the roster yet (variant items not checked)")
        elif not (canvas_id or p.sis_user_id or p.sis_login_id):
            left_out.append(f"{r.student}: no Canvas user id or SIS id (add lms_id to the roster)")
        else:
            rows.append([p.name or r.student, canvas_id, p.sis_user_id, p.sis_login_id, p.section, f"{r.score:g}"])
    _write(path, (*CANVAS_COLUMNS, column), rows)
    return Export(path, len(rows), left_out)


def moodle(results: list[SubmissionResult], path: Path, roster: Roster | None = None,
           now: datetime | None = None) -> Export:
    """The Moodle grading worksheet of one assignment, to upload on the assignment's grading page."""
    stamp = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    rows, left_out = [], []
    for r in results:
        p = _person(r, roster)
        participant = _lms_number(r, "moodle")
        if not r.matched:
            left_out.append(f"{r.student}: not matched to the roster yet (variant items not checked)")
        elif not participant:
            left_out.append(f"{r.student}: no Moodle participant id (grade the Moodle download of this assignment)")
        else:
            passed = sum(t.passed for t in r.tests)
            comment = (f"{r.score:g} of {r.max_score:g} points, {passed} of {len(r.tests)} checks passed "
                       f"(graded file {Path(r.path).name})" + (f"; not graded: {r.error}" if r.error else ""))
            rows.append([f"{MOODLE_PARTICIPANT}{participant}", p.name or r.student, p.email,
                         f"{r.score:g}", f"{r.max_score:g}", stamp, comment])
    _write(path, MOODLE_COLUMNS, rows)
    return Export(path, len(rows), left_out)
