"""The gradebook: one SQLite file, one row per (assignment, student) and per (assignment, student, case),
and the TA's overrides beside the computed scores. It is the truth: every export is written from it."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from nnlab.late import LatePolicy

OVERRIDES = """
CREATE TABLE IF NOT EXISTS overrides (
    assignment TEXT NOT NULL, student TEXT NOT NULL, case_name TEXT NOT NULL, score REAL, reason TEXT NOT NULL,
    author TEXT NOT NULL, made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')));
"""
DEADLINES = """
CREATE TABLE IF NOT EXISTS deadlines (
    assignment TEXT PRIMARY KEY, due TEXT NOT NULL, per_day REAL NOT NULL, cap REAL NOT NULL);
"""
EXTENSIONS = """
CREATE TABLE IF NOT EXISTS extensions (
    assignment TEXT NOT NULL, student TEXT NOT NULL, until TEXT NOT NULL, reason TEXT NOT NULL,
    author TEXT NOT NULL, made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    PRIMARY KEY (assignment, student));
"""
SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    assignment TEXT NOT NULL, student TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, error TEXT, notes TEXT NOT NULL,
    seconds REAL NOT NULL, graded_at TEXT NOT NULL DEFAULT (datetime('now')), isolation TEXT NOT NULL DEFAULT '',
    lms TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '', matched INTEGER NOT NULL DEFAULT 1,
    submitted_at TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (assignment, student));
CREATE TABLE IF NOT EXISTS results (
    assignment TEXT NOT NULL, student TEXT NOT NULL, case_name TEXT NOT NULL, target TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, symptom TEXT NOT NULL, message TEXT NOT NULL,
    position INTEGER NOT NULL, detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assignment, student, case_name));
""" + OVERRIDES + DEADLINES + EXTENSIONS
SCHEMA_VERSION = 7  # a case's name is case_name (CASE is an SQL keyword); it was "test" before 7
MIGRATIONS = {  # version reached -> statements that reach it from the one before
    2: ["ALTER TABLE submissions ADD COLUMN isolation TEXT NOT NULL DEFAULT ''"],
    3: ["ALTER TABLE results ADD COLUMN detail TEXT NOT NULL DEFAULT ''"],
    4: ["ALTER TABLE submissions ADD COLUMN lms TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE submissions ADD COLUMN name TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE submissions ADD COLUMN matched INTEGER NOT NULL DEFAULT 1",
        OVERRIDES.replace("case_name", "test")],  # as version 4 made it
    5: ["ALTER TABLE submissions ADD COLUMN submitted_at TEXT NOT NULL DEFAULT ''", DEADLINES, EXTENSIONS],
    6: ["ALTER TABLE submissions ADD COLUMN version INTEGER NOT NULL DEFAULT 0"],
    7: ["ALTER TABLE results RENAME COLUMN test TO case_name", "ALTER TABLE overrides RENAME COLUMN test TO case_name"],
}
NOT_CHECKED = "not-checked"  # the symptom of a variant item whose submitter is not known (nnlab.judge_variants)


class GradebookError(Exception):
    """A change the gradebook refuses (an unknown student or case, a name already taken)."""


@dataclass
class CaseResult:
    """The score of one case for one submission: ``message`` for the student, ``detail`` for the TA
    (expected and received values of hidden cases)."""

    name: str
    target: str
    score: float
    max_score: float
    message: str
    symptom: str = "ok"
    detail: str = ""

    @property
    def passed(self) -> bool:
        """Judged right (a zero-point form check can fail without costing points)."""
        return self.symptom == "ok"

    def feedback(self, reveal: bool = False) -> str:
        """What the student reads: the message, and with ``reveal`` (after the deadline) the detail."""
        shown = reveal and self.detail and self.detail not in self.message
        return f"{self.message} (revealed: {self.detail})" if shown else self.message


@dataclass
class SubmissionResult:
    """One graded submission: the contract's JSON object plus what feedback and exports need."""

    student: str
    assignment: str
    score: float
    max_score: float
    tests: list[CaseResult]
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    path: str = ""
    digest: str = ""
    seconds: float = 0.0
    isolation: str = ""  # the sandbox level it was graded at (see nnlab.sandbox.launch)
    lms: str = ""  # the LMS's key for the submitter: canvas:<user id>, moodle:<participant id> (see nnlab.layouts)
    name: str = ""  # the student's name, from the roster or the LMS
    matched: bool = True  # False: the submitter is not known, the variant items are not checked
    submitted_at: str = ""  # the LMS's submission time (ISO), where the download carries one
    version: int = 0  # the week's version it was graded with (nnlab.versions); 0: not recorded
    reused: bool = field(default=False, compare=False)  # not stored: this run took it from the gradebook
    overrides: list[str] = field(default_factory=list, compare=False)  # not stored: the TA's overrides applied

    def to_json(self) -> dict[str, Any]:
        """The object ``nnlab grade --json`` prints (see ASSIGNMENTS.md); ``detail`` is for TAs only."""
        return {"student": self.student, "assignment": self.assignment, "score": self.score,
                "max_score": self.max_score,
                "tests": [{"name": t.name, "target": t.target, "score": t.score, "max_score": t.max_score,
                           "message": t.message, "detail": t.detail} for t in self.tests],
                "error": self.error, "isolation": self.isolation, "file": self.path}


@dataclass(frozen=True)
class Override:
    """A TA's decision kept beside the computed score: one case's points (``case``, its name), or the
    total (``case`` is ""), with the reason; ``score`` None takes a decision back. The latest one counts."""

    assignment: str
    student: str
    case: str
    score: float | None
    reason: str
    author: str
    made_at: str = ""

    def describe(self) -> str:
        """One line for students and the CSV: what was set, and why."""
        what = self.case or "the total"
        if self.score is None:
            return f"{what}: back to the computed score ({self.reason})"
        return f"{what} set to {self.score:g} by your TA: {self.reason}"


TABLES = ("submissions", "results", "overrides", "extensions")


class Gradebook:
    """Read and write results; every call opens the file once and commits once."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db, db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            fresh = not db.execute("SELECT name FROM sqlite_master WHERE name='submissions'").fetchone()
            if fresh:
                db.executescript(SCHEMA)
            else:
                for reached in range(max(version, 1) + 1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS[reached]:
                        db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _connect(self) -> sqlite3.Connection:
        return closing(sqlite3.connect(self.path, timeout=30))  # type: ignore[return-value]

    def save(self, results: list[SubmissionResult]) -> None:
        """Store results, each replacing the student's earlier one; a known submitter's result also
        replaces the unmatched one filed under the same LMS key (graded before the roster was given)."""
        with self._connect() as db, db:
            for r in results:
                if r.lms and r.matched:
                    for (stale,) in db.execute("SELECT student FROM submissions WHERE assignment=? AND lms=?"
                                               " AND matched=0 AND student<>?", (r.assignment, r.lms, r.student)):
                        self._delete(db, r.assignment, stale)
                db.execute("DELETE FROM results WHERE assignment=? AND student=?", (r.assignment, r.student))
                db.execute("INSERT OR REPLACE INTO submissions (assignment, student, path, digest, score, max_score,"
                           " error, notes, seconds, isolation, lms, name, matched, submitted_at, version)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           (r.assignment, r.student, r.path, r.digest, r.score, r.max_score, r.error,
                            json.dumps(r.notes), r.seconds, r.isolation, r.lms, r.name, int(r.matched),
                            r.submitted_at, r.version))
                db.executemany("INSERT INTO results (assignment, student, case_name, target, score, max_score, symptom,"
                               " message, position, detail) VALUES (?,?,?,?,?,?,?,?,?,?)",
                               [(r.assignment, r.student, t.name, t.target, t.score, t.max_score, t.symptom,
                                 t.message, i, t.detail) for i, t in enumerate(r.tests)])

    @staticmethod
    def _delete(db: sqlite3.Connection, assignment: str, student: str) -> None:
        for table in TABLES:
            db.execute(f"DELETE FROM {table} WHERE assignment=? AND student=?", (assignment, student))

    def cached(self, assignment: str, digests: dict[str, str]) -> dict[str, SubmissionResult]:
        """Stored results whose digest (notebook + grader) is unchanged, by student, marked ``reused``."""
        found = {r.student: r for r in self.load(assignment) if digests.get(r.student) == r.digest}
        for r in found.values():
            r.reused = True
        return found

    def load(self, assignment: str) -> list[SubmissionResult]:
        """Every stored result of one assignment, by student name, as computed (see :meth:`view`)."""
        with self._connect() as db:
            subs = db.execute("SELECT student, path, digest, score, max_score, error, notes, seconds, isolation,"
                              " lms, name, matched, submitted_at, version FROM submissions"
                              " WHERE assignment=? ORDER BY student", (assignment,)).fetchall()
            rows = db.execute("SELECT student, case_name, target, score, max_score, message, symptom, detail FROM results"
                              " WHERE assignment=? ORDER BY student, position", (assignment,)).fetchall()
        tests: dict[str, list[CaseResult]] = {}
        for student, *rest in rows:
            tests.setdefault(student, []).append(CaseResult(*rest))
        return [SubmissionResult(student, assignment, score, max_score, tests.get(student, []), error,
                                 json.loads(notes), path, digest, seconds, isolation, lms, name, bool(matched), at,
                                 version)
                for student, path, digest, score, max_score, error, notes, seconds, isolation, lms, name, matched, at,
                version in subs]

    def graded_with(self, results: list[SubmissionResult], version: int) -> list[SubmissionResult]:
        """Record the week's version the stored ``results`` were graded with (a result reused unchanged was
        graded with it too: its digest covers the week); returns them with it."""
        with self._connect() as db, db:
            db.executemany("UPDATE submissions SET version=? WHERE assignment=? AND student=?",
                           [(version, r.assignment, r.student) for r in results])
        return [replace(r, version=version) for r in results]

    def view(self, assignment: str) -> list[SubmissionResult]:
        """Every result of one assignment with the TA's overrides and the late policy applied: what
        exports and students see. An override of the total is final (no late penalty on top)."""
        latest: dict[tuple[str, str], Override] = {}
        for o in self.overrides(assignment):
            latest[(o.student, o.case)] = o
        policy, extended = self.deadline(assignment), self.extensions(assignment)
        results = self.load(assignment)
        for r in results:
            mine = [o for (student, _), o in latest.items() if student == r.student and o.score is not None]
            by_case = {o.case: o for o in mine}
            r.tests = [CaseResult(t.name, t.target, by_case[t.name].score, t.max_score,
                                  f"{t.message} ({by_case[t.name].describe()})", t.symptom, t.detail)
                       if t.name in by_case else t for t in r.tests]
            r.score = by_case[""].score if "" in by_case else round(sum(t.score for t in r.tests), 6)
            r.overrides = [o.describe() for o in mine]
            if policy and r.submitted_at and "" not in by_case:
                days, percent = policy.penalty(r.submitted_at, extended.get(r.student, ("", ""))[0])
                if percent:
                    r.score = round(r.score * (1 - percent / 100), 6)
                    r.overrides.append(f"late by {days} day(s): {percent:g}% off ({policy.describe()}"
                                       + (f"; extended to {extended[r.student][0]}" if r.student in extended else "")
                                       + ")")
        return results

    def set_deadline(self, assignment: str, policy: LatePolicy | None) -> None:
        """Set (or with None, remove) the week's late-penalty policy."""
        with self._connect() as db, db:
            db.execute("DELETE FROM deadlines WHERE assignment=?", (assignment,))
            if policy:
                db.execute("INSERT INTO deadlines VALUES (?,?,?,?)", (assignment, policy.due, policy.per_day, policy.cap))

    def deadline(self, assignment: str) -> LatePolicy | None:
        """The week's late-penalty policy, if one is set."""
        with self._connect() as db:
            row = db.execute("SELECT due, per_day, cap FROM deadlines WHERE assignment=?", (assignment,)).fetchone()
        return LatePolicy(*row) if row else None

    def extend(self, assignment: str, student: str, until: str, reason: str, author: str) -> None:
        """Move one student's deadline of one week (replacing an earlier extension), with a reason."""
        if not reason.strip():
            raise GradebookError("an extension needs a reason")
        with self._connect() as db, db:
            db.execute("INSERT OR REPLACE INTO extensions (assignment, student, until, reason, author)"
                       " VALUES (?,?,?,?,?)", (assignment, student, until, reason.strip(), author))

    def extensions(self, assignment: str) -> dict[str, tuple[str, str]]:
        """Each extended student's new deadline and the reason, by student."""
        with self._connect() as db:
            rows = db.execute("SELECT student, until, reason FROM extensions WHERE assignment=?", (assignment,))
            return {student: (until, reason) for student, until, reason in rows.fetchall()}

    def lms_students(self, assignment: str) -> dict[str, str]:
        """Known submitters of one assignment by their LMS key: who an LMS number was matched to before."""
        with self._connect() as db:
            return dict(db.execute("SELECT lms, student FROM submissions WHERE assignment=? AND lms<>''"
                                   " AND matched=1", (assignment,)).fetchall())

    def remove(self, student: str, assignment: str | None = None) -> list[str]:
        """Delete a student's results and overrides (of one assignment, or all); returns the assignments."""
        with self._connect() as db, db:
            found = [a for (a,) in db.execute("SELECT assignment FROM submissions WHERE student=?"
                                              + (" AND assignment=?" if assignment else ""),
                                              (student, assignment) if assignment else (student,))]
            for a in found:
                self._delete(db, a, student)
        return found

    def rename(self, old: str, new: str) -> list[str]:
        """File a student's results under another id in every assignment (the new id is then known: an
        unmatched submission's variant items are checked when the download is graded again, with the
        gradebook remembering its LMS key). Returns the assignments."""
        with self._connect() as db, db:
            found = [a for (a,) in db.execute("SELECT assignment FROM submissions WHERE student=?", (old,))]
            taken = [a for (a,) in db.execute("SELECT assignment FROM submissions WHERE student=?", (new,))
                     if a in found]
            if taken:
                raise GradebookError(f"{new} already has results in {', '.join(taken)}: remove one of them first")
            for table in TABLES:
                db.execute(f"UPDATE {table} SET student=? WHERE student=?", (new, old))
            db.executemany("UPDATE submissions SET digest='', matched=1 WHERE student=? AND assignment=?",
                           [(new, a) for a in found])
        return found

    def override(self, assignment: str, student: str, case: str, score: float | None, reason: str,
                 author: str) -> Override:
        """Record a TA's override of one case's points (``case``) or of the total (``case`` ""), or with
        ``score`` None take it back. Refused for an unknown student or case, or a score out of range."""
        result = next((r for r in self.load(assignment) if r.student == student), None)
        if result is None:
            raise GradebookError(f"{student} has no result in {assignment}")
        limit = {t.name: t.max_score for t in result.tests}.get(case) if case else result.max_score
        if limit is None:
            raise GradebookError(f"{assignment} has no case {case!r}")
        if score is not None and not 0 <= score <= limit:
            raise GradebookError(f"{score:g} is not between 0 and {limit:g}")
        if not reason.strip():
            raise GradebookError("an override needs a reason")
        with self._connect() as db, db:
            db.execute("INSERT INTO overrides (assignment, student, case_name, score, reason, author)"
                       " VALUES (?,?,?,?,?,?)",
                       (assignment, student, case, score, reason.strip(), author))
        return self.overrides(assignment)[-1]

    def overrides(self, assignment: str) -> list[Override]:
        """Every override of one assignment, oldest first: the audit trail."""
        with self._connect() as db:
            rows = db.execute("SELECT assignment, student, case_name, score, reason, author, made_at FROM overrides"
                              " WHERE assignment=? ORDER BY made_at, rowid", (assignment,)).fetchall()
        return [Override(*row) for row in rows]
