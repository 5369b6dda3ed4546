"""Reading a download: whose each notebook is, whichever way the LMS packed it, and which one to grade.

Recognised layouts (a path on the command line may be the download, one student's folder, or one file):

    canvas      <lastfirst>[_LATE]_<user id>_<attachment id>_<file name>     (Canvas "Download Submissions")
    moodle      <Full name>_<participant id>_assignsubmission_file_/<file>   (Moodle "Download all submissions";
                without "in folders": the same prefix on each file name)
    gradescope  submission_metadata.yml beside submission_<id>/<files>       (Gradescope "Export Submissions")
    nbgrader    submitted/<login>/<week>/<notebook>.ipynb [+ timestamp.txt]  (nbgrader's exchange)
    folder      <student>/<anything>.ipynb, or <student>.ipynb               (nnlab's own)

Canvas and Moodle name a student only by an LMS number; the roster (:mod:`nnlab.roster`), or a
grade of the same LMS number already in the gradebook, turns it into the student's login. Without
one the submission is *unmatched*: it is filed as ``canvas-<user id>`` / ``moodle-<participant id>``
and its per-student variant items are not checked (see :func:`nnlab.judge_variants.not_checked`).

Which notebook, per student: the one named for the week wins, then the newest by the LMS's own order
(Gradescope's ``created_at``, nbgrader's ``timestamp.txt``, Canvas's attachment ids; file times do
not survive unzipping); later paths on the command line replace earlier ones (late resubmissions).
A notebook that is another week's (by what its code defines, else by its file name) is not run.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any, Iterable

from nnlab import notebook
from nnlab.course import CourseError
from nnlab.week import Week
from nnlab.grade import Submission
from nnlab.late import stamp
from nnlab.roster import Person, Roster

CANVAS = re.compile(r"^(?P<name>[^_]+)_(?:late_)?(?P<id>\d+)_(?P<attachment>\d+)_(?P<file>.+)$", re.IGNORECASE)
MOODLE = re.compile(r"^(?P<name>.+)_(?P<id>\d+)_assignsubmission_file_(?P<file>.*)$")
GRADESCOPE = re.compile(r"^submission_(?P<id>\d+)$")
GRADESCOPE_METADATA = "submission_metadata.yml"
ROSTER_CLUES = {  # layout -> (roster column, what the layout says) pairs, tried in order
    "canvas": (("lms_id", "lms_id"), ("name", "name")),
    "moodle": (("name", "name"),),
    "gradescope": (("email", "email"), ("sis_user_id", "sid"), ("lms_id", "sid"), ("name", "name")),
}
FOLDER_CLUES = (("login", "login"), ("email", "login"))  # nbgrader's and nnlab's folders name a login


@dataclass(frozen=True)
class Found:
    """One notebook, and what its place in the download says about it."""

    path: Path
    layout: str            # canvas, moodle, gradescope, nbgrader or folder
    login: str = ""        # a login the layout gives (folder names, nbgrader, the local part of an e-mail)
    lms_id: str = ""       # the LMS's number for the student (Canvas user id, Moodle participant id)
    name: str = ""         # the student's name as the LMS writes it
    email: str = ""
    sid: str = ""          # Gradescope's student id
    filename: str = ""     # the name the student gave the file, without the LMS's additions
    order: tuple[float, ...] = ()  # the LMS's own order of submissions, where it has one: later is larger
    submitted_at: str = ""  # the LMS's submission time, where the download carries one (ISO)


@dataclass(frozen=True)
class Identity:
    """Whose a notebook is: the canonical id, whether it is known for sure, and whether the roster lists it."""

    student: str
    matched: bool
    on_roster: bool
    lms: str = ""
    name: str = ""


@dataclass
class Discovery:
    """What the paths hold: one submission per student, and what the TA should hear about it."""

    submissions: list[Submission]
    notes: list[str] = field(default_factory=list)       # which notebook was chosen, which path replaced which
    not_on_roster: list[str] = field(default_factory=list)  # matched ids the roster does not list

    @property
    def unmatched(self) -> list[Submission]:
        """Submissions whose student no roster named: their variant items are not checked."""
        return [s for s in self.submissions if not s.matched]


def notebooks_under(folder: Path) -> list[Path]:
    """Every ``*.ipynb`` below ``folder``, sorted, without Jupyter's checkpoint copies."""
    return [nb for nb in sorted(folder.rglob("*.ipynb")) if ".ipynb_checkpoints" not in nb.parts]


def week_named(stem: str, weeks: Iterable[str]) -> str | None:
    """The week a file or folder name is named for: ``02_mlp_forward``, ``02_mlp_forward-Copy1``,
    ``02_mlp_forward (1)``; None for other names."""
    low = stem.casefold()
    return next((w for w in weeks if low == w.casefold()
                 or (low.startswith(w.casefold()) and not low[len(w)].isalnum())), None)


@cache
def _gradescope_metadata(path: Path) -> dict[str, Any]:
    """Gradescope's ``submission_metadata.yml`` (Ruby-flavoured YAML: ``:key:`` names, tagged objects),
    keys without their colons."""
    import yaml  # only Gradescope exports need it (the Gradescope autograder does not)

    class Lenient(yaml.SafeLoader):
        """Safe YAML that reads an unknown tag's value as plain data."""

    def untagged(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node, deep=True)
        return loader.construct_sequence(node, deep=True) if isinstance(node, yaml.SequenceNode) \
            else loader.construct_scalar(node)

    Lenient.add_multi_constructor("!", untagged)

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k).lstrip(":"): plain(v) for k, v in value.items()}
        return [plain(v) for v in value] if isinstance(value, list) else value

    try:
        data = plain(yaml.load(path.read_text(encoding="utf-8"), Loader=Lenient))
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _when(value: Any) -> dict[str, Any]:
    """A submission time (datetime, or text such as nbgrader's ``2024-03-01 12:34:56.789 UTC``; without a
    zone, UTC) as :class:`Found`'s ``order`` and ``submitted_at``; nothing for anything else."""
    if isinstance(value, str):
        text = value.strip()
        text = text[:-4] if text.upper().endswith(" UTC") else text
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            return {}
    if not isinstance(value, datetime):
        return {}
    value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return {"order": (value.timestamp(),), "submitted_at": stamp(value)}


def _place(nb: Path, root: Path, weeks: list[str], assignment: str | None) -> list[Found]:
    """What the download's layout says about notebook ``nb`` found under ``root`` (a folder, or ``nb`` itself).
    Empty for a notebook found in another week's nbgrader folder."""
    inside = nb.relative_to(root).parts[:-1] if nb != root else ()
    up = [nb.parent] if nb == root else [nb.parent, *nb.parent.parents][:len(inside) + 1]  # up to the root
    if not inside and (m := CANVAS.match(nb.name)):  # Canvas downloads are flat
        original = re.sub(r"-\d+(?=\.ipynb$)", "", m["file"])  # Canvas numbers a re-uploaded file name
        return [Found(nb, "canvas", lms_id=m["id"], name=m["name"], filename=original, order=(int(m["attachment"]),))]
    for place in (nb, *up):
        if m := MOODLE.match(place.name):
            return [Found(nb, "moodle", lms_id=m["id"], name=m["name"], filename=m["file"] or nb.name)]
    for folder in up:
        if GRADESCOPE.match(folder.name) and (folder.parent / GRADESCOPE_METADATA).is_file():
            meta = _gradescope_metadata(folder.parent / GRADESCOPE_METADATA).get(folder.name) or {}
            when = _when(meta.get("created_at"))
            return [Found(nb, "gradescope", login=str(s.get("email") or "").partition("@")[0],
                          name=str(s.get("name") or ""), email=str(s.get("email") or ""), sid=str(s.get("sid") or ""),
                          filename=nb.name, **when)
                    for s in meta.get("submitters") or [] if isinstance(s, dict)]
    stamp_file = nb.parent / "timestamp.txt"
    if nb.parent.name in weeks and (week_named(nb.stem, weeks) or stamp_file.is_file()):
        if assignment and nb.parent.name != assignment and nb != root:
            return []
        when = _when(stamp_file.read_text(errors="replace")) if stamp_file.is_file() else {}
        return [Found(nb, "nbgrader", login=nb.parent.parent.name, filename=nb.name, **when)]
    names = [*inside, nb.stem]  # the first folder below the root, or the file's own name, unless named for a week
    login = next((n for n in names if not week_named(n, weeks)), (root if root.is_dir() else nb.parent).name)
    return [Found(nb, "folder", login=login, filename=nb.name)]


def identify(found: Found, roster: Roster | None, known: dict[str, str]) -> Identity:
    """Whose ``found`` is: the roster's login for what the layout says (the LMS's user id, e-mail,
    student id or name), else a login the layout gives itself, else a grade of the same LMS number
    already in the gradebook (``known``: LMS key -> student); otherwise unmatched, filed under
    ``<layout>-<LMS number>``."""
    lms = f"{found.layout}:{found.lms_id}" if found.lms_id else ""
    person: Person | None = None
    if roster:
        clues = [(column, getattr(found, clue)) for column, clue in ROSTER_CLUES.get(found.layout, FOLDER_CLUES)]
        person = next((p for column, value in clues if value and (p := roster.find(column, value))), None)
    if person:
        return Identity(person.login, True, True, lms, person.name or found.name)
    if found.login:
        return Identity(found.login, True, roster is None, lms, found.name)
    if lms in known:
        return Identity(known[lms], True, roster is None or roster.person(known[lms]) is not None, lms, found.name)
    number = found.lms_id or found.sid or "unknown"
    return Identity(f"{found.layout}-{number}", False, False, lms, found.name)


def _exact(found: Found, assignment: str | None) -> bool:
    """Whether the student named the file for the week (``<week>.ipynb``)."""
    return assignment is not None and Path(found.filename).stem.casefold() == assignment.casefold()


def _rank(found: Found, assignment: str | None, weeks: list[str]) -> tuple:
    """Sort key, best first: named for the week, newest by the LMS, named for no other week, by name."""
    named = week_named(Path(found.filename).stem, weeks)
    return (not _exact(found, assignment), tuple(-t for t in found.order), named not in (None, assignment),
            str(found.path))


def _why(chosen: Found, assignment: str | None) -> str:
    if _exact(chosen, assignment):
        return "the notebook named for the week"
    return "the newest by the LMS's submission time" if chosen.order else "the first by name"


def defined_names(nb: dict[str, Any]) -> set[str]:
    """Top-level names a notebook's code cells define (functions, classes, assigned variables)."""
    names: set[str] = set()
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source") or [])
        try:
            tree = ast.parse(notebook.to_python(source))
        except SyntaxError:
            continue
        for stmt in tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(stmt.name)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def targets_by_week(week: Week) -> dict[str, set[str]]:
    """Each released week's graded targets (functions and answer variables), loaded from its case table."""
    found = {}
    for w in week.course.weeks():
        try:
            found[w] = {c.target for c in (week if w == week.assignment else week.course.week(w)).cases}
        except CourseError:
            continue
    return found


def other_week(found: Found, assignment: str, targets: dict[str, set[str]]) -> str | None:
    """The other week ``found`` is the notebook of: the week whose targets its code defines most, when
    that is more than this week's; on a tie, the week its file name names. None when it is this week's,
    or cannot be told (then grading reports what is wrong)."""
    try:
        defined = defined_names(notebook.read(found.path))
    except notebook.NotebookError:
        defined = set()
    counts = {w: len(defined & t) for w, t in targets.items()}
    mine = counts.get(assignment, 0)
    named = week_named(Path(found.filename).stem, targets)
    best = max((w for w in counts if w != assignment), key=lambda w: (counts[w], w == named), default=None)
    if best is not None and counts[best] > mine:
        return best
    return named if named not in (None, assignment) and (mine == 0 or counts.get(named, 0) == mine) else None


def discover(paths: Iterable[Path], week: Week | None = None, roster: Roster | None = None,
             known: dict[str, str] | None = None) -> Discovery:
    """One submission per student under ``paths``, for ``week`` (see the module's documentation).
    Without ``week`` nothing is known about week names and no notebook is checked for being another week's."""
    weeks = week.course.weeks() if week else []
    assignment = week.assignment if week else None
    chosen: dict[str, tuple[Found, Identity]] = {}
    notes: list[str] = []
    for root in map(Path, paths):
        if not root.exists():
            raise FileNotFoundError(f"{root} does not exist")
        candidates: dict[str, list[tuple[Found, Identity]]] = {}
        for nb in notebooks_under(root) if root.is_dir() else [root]:
            for found in _place(nb, root, weeks, assignment):
                ident = identify(found, roster, known or {})
                candidates.setdefault(ident.student, []).append((found, ident))
        for student, options in candidates.items():
            options.sort(key=lambda option: _rank(option[0], assignment, weeks))
            best = options[0]
            if len(options) > 1:
                notes.append(f"{student}: grading {best[0].path.name} ({_why(best[0], assignment)}), not "
                             + ", ".join(o[0].path.name for o in options[1:]))
            if student in chosen and chosen[student][0].path != best[0].path:
                notes.append(f"{student}: {best[0].path} replaces {chosen[student][0].path} (a later path)")
            chosen[student] = best
    targets = targets_by_week(week) if week else {}
    submissions = []
    for student, (found, ident) in sorted(chosen.items()):
        other = other_week(found, assignment, targets) if assignment else None
        problem = f"this is the notebook of week {other}, not {assignment}" if other else None
        submissions.append(Submission(student, found.path, ident.matched, problem, ident.lms, ident.name,
                                      found.submitted_at))
    strangers = sorted(s for s, (_, ident) in chosen.items() if roster and ident.matched and not ident.on_roster)
    return Discovery(submissions, notes, strangers)


def resolve_one(notebooks: list[Path], found: Found, assignment: str, roster: Roster | None) -> Submission:
    """The submission of one submitter whose notebooks are ``notebooks`` (Gradescope's autograder):
    the best notebook by the rules above, filed under the id :func:`identify` gives ``found``."""
    options = [replace(found, path=nb, filename=nb.name) for nb in notebooks]
    best = min(options, key=lambda f: _rank(f, assignment, [assignment]))
    ident = identify(best, roster, {})
    return Submission(ident.student, best.path, ident.matched, None, ident.lms, ident.name, best.submitted_at)
