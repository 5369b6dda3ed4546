"""The gradebook: one SQLite file, one row per (assignment, student) and per (assignment, student, test)."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    assignment TEXT NOT NULL, student TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, error TEXT, notes TEXT NOT NULL,
    seconds REAL NOT NULL, graded_at TEXT NOT NULL DEFAULT (datetime('now')), isolation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assignment, student));
CREATE TABLE IF NOT EXISTS results (
    assignment TEXT NOT NULL, student TEXT NOT NULL, test TEXT NOT NULL, target TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, symptom TEXT NOT NULL, message TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (assignment, student, test));
"""
SCHEMA_VERSION = 2
MIGRATIONS = {  # version reached -> statements that reach it from the one before
    2: ["ALTER TABLE submissions ADD COLUMN isolation TEXT NOT NULL DEFAULT ''"],
}


@dataclass
class CaseResult:
    """The score of one case for one submission."""

    name: str
    target: str
    score: float
    max_score: float
    message: str
    symptom: str = "ok"

    @property
    def passed(self) -> bool:
        """Judged right (a zero-point form check can fail without costing points)."""
        return self.symptom == "ok"


@dataclass
class SubmissionResult:
    """One graded submission: the contract's JSON object plus what feedback needs."""

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

    def to_json(self) -> dict[str, Any]:
        """The object ``nnlab grade --json`` prints (see ASSIGNMENTS.md)."""
        return {"student": self.student, "assignment": self.assignment, "score": self.score,
                "max_score": self.max_score,
                "tests": [{"name": t.name, "target": t.target, "score": t.score, "max_score": t.max_score,
                           "message": t.message} for t in self.tests],
                "error": self.error, "isolation": self.isolation, "file": self.path}


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
        with self._connect() as db, db:
            for r in results:
                db.execute("DELETE FROM results WHERE assignment=? AND student=?", (r.assignment, r.student))
                db.execute("INSERT OR REPLACE INTO submissions (assignment, student, path, digest, score, max_score,"
                           " error, notes, seconds, isolation) VALUES (?,?,?,?,?,?,?,?,?,?)",
                           (r.assignment, r.student, r.path, r.digest, r.score, r.max_score, r.error,
                            json.dumps(r.notes), r.seconds, r.isolation))
                db.executemany("INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?)",
                               [(r.assignment, r.student, t.name, t.target, t.score, t.max_score, t.symptom,
                                 t.message, i) for i, t in enumerate(r.tests)])

    def cached(self, assignment: str, digests: dict[str, str]) -> dict[str, SubmissionResult]:
        """Stored results whose digest (notebook + grader) is unchanged, by student."""
        return {r.student: r for r in self.load(assignment) if digests.get(r.student) == r.digest}

    def load(self, assignment: str) -> list[SubmissionResult]:
        """Every stored result of one assignment, by student name."""
        with self._connect() as db:
            subs = db.execute("SELECT student, path, digest, score, max_score, error, notes, seconds, isolation"
                              " FROM submissions"
                              " WHERE assignment=? ORDER BY student", (assignment,)).fetchall()
            rows = db.execute("SELECT student, test, target, score, max_score, message, symptom FROM results"
                              " WHERE assignment=? ORDER BY student, position", (assignment,)).fetchall()
        tests: dict[str, list[CaseResult]] = {}
        for student, *rest in rows:
            tests.setdefault(student, []).append(CaseResult(*rest))
        return [SubmissionResult(student, assignment, score, max_score, tests.get(student, []), error,
                                 json.loads(notes), path, digest, seconds, isolation)
                for student, path, digest, score, max_score, error, notes, seconds, isolation in subs]
