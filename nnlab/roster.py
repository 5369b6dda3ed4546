"""The course roster: one canonical id per student, whatever a download calls them.

``--roster roster.csv`` is a CSV file (UTF-8, a header row, columns in any order, names not case
sensitive; only ``login`` is required):

    login         the canonical id: the student's JupyterHub user name, what their STUDENT_ID holds.
                  The gradebook, the per-student variants and the exports use it.
    name          full name as the LMS shows it ("Zoë Müller" or "Müller, Zoë": order, case, accents
                  and punctuation do not matter when matching)
    email         e-mail address (Gradescope names submitters by it)
    lms_id        Canvas's numeric user id (the "ID" column of a Canvas grade export, the number in
                  Canvas download file names)
    sis_user_id   Canvas's "SIS User ID" (Canvas export only; Gradescope's student id "sid" matches it too)
    sis_login_id  Canvas's "SIS Login ID" (Canvas export only)
    section       Canvas's "Section" (Canvas export only)

A Canvas grade export with a ``login`` column added works as a roster: its headers ``Student``,
``ID``, ``SIS User ID``, ``SIS Login ID`` and ``Section`` are understood, and rows without a login
(its "Points Possible" row) are left out. Moodle's download numbers students per assignment, so
Moodle submissions are matched by name.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path


@dataclass(frozen=True)
class Person:
    """One roster row."""

    login: str
    name: str = ""
    email: str = ""
    lms_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""


COLUMNS = tuple(f.name for f in fields(Person))
BUNDLED_ROSTER = "roster.csv"  # where a Gradescope bundle carries the roster, in its course folder
ALIASES = {"username": "login", "user": "login", "student": "name", "full name": "name", "e-mail": "email",
           "email address": "email", "id": "lms_id", "canvas id": "lms_id", "user id": "lms_id",
           "sis user id": "sis_user_id", "sis login id": "sis_login_id"}


class RosterError(Exception):
    """The roster file cannot be used."""


def words(name: str) -> list[str]:
    """A name's words, lower case, without accents ("Müller, Zoë" -> ["muller", "zoe"])."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", bare.casefold())


def _keys(field: str, value: str) -> set[str]:
    """The forms under which a value is looked up: names in any word order, and run together in each
    rotation (Canvas writes "Zoë Müller" as ``mullerzoe``); e-mail without case; ids as they are."""
    value = value.strip()
    if not value:
        return set()
    if field == "name":
        w = words(value)
        return {" ".join(sorted(w))} | {"".join(w[i:] + w[:i]) for i in range(len(w))}
    return {value.casefold() if field == "email" else value}


class Roster:
    """The people of a course, found by login, e-mail, LMS id, SIS id or name."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self._index: dict[tuple[str, str], list[Person]] = {}
        for person in people:
            for field in ("login", "email", "lms_id", "sis_user_id", "name"):
                for key in _keys(field, getattr(person, field)):
                    self._index.setdefault((field, key), []).append(person)
        twice = sorted({p.login for p in people if len(self._index[("login", p.login)]) > 1})
        if twice:
            raise RosterError(f"the roster lists these logins more than once: {', '.join(twice)}")

    @classmethod
    def read(cls, path: Path) -> Roster:
        """Read a roster CSV (see the module's documentation for its columns)."""
        try:
            with open(path, newline="", encoding="utf-8-sig") as f:
                rows = list(csv.reader(f))
        except (OSError, UnicodeDecodeError) as exc:
            raise RosterError(f"the roster {path} cannot be read: {exc}") from None
        if not rows:
            raise RosterError(f"the roster {path} is empty")
        header = [" ".join(h.strip().casefold().replace("_", " ").split()) for h in rows[0]]
        columns = [ALIASES.get(h, h.replace(" ", "_")) for h in header]
        if "login" not in columns:
            raise RosterError(f"the roster {path} has no login column (its columns: {', '.join(rows[0])}); "
                              f"it needs login and may have {', '.join(COLUMNS[1:])}")
        people = []
        for row in rows[1:]:
            values = {c: v.strip() for c, v in zip(columns, row) if c in COLUMNS}
            if values.get("login"):
                people.append(Person(**values))
        return cls(people)

    def find(self, field: str, value: str) -> Person | None:
        """The one person whose ``field`` (login, email, lms_id, sis_user_id or name) matches ``value``;
        None when nobody or more than one person does."""
        found = {p.login: p for key in _keys(field, value) for p in self._index.get((field, key), [])}
        return next(iter(found.values())) if len(found) == 1 else None

    def person(self, login: str) -> Person | None:
        """The person with this login."""
        return self.find("login", login)
