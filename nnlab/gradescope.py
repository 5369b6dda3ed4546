"""Grade one submission inside Gradescope's autograder harness (the bundle's ``run_autograder``).

Gradescope unpacks the bundle into ``<root>/source``, puts the student's files into
``<root>/submission`` and who submitted into ``<root>/submission_metadata.json``, and reads
``<root>/results/results.json`` (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
Public cases are shown at once; hidden ones after the grades are published. The submitter is filed
under their login from the bundled roster (``nnlab bundle --roster``), found by e-mail, student id or
name; without a roster, under the local part of their e-mail (see :func:`nnlab.layouts.identify`).

    python -m nnlab.gradescope 01_perceptron [--root /autograder]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from nnlab.course import Course
from nnlab.week import Week
from nnlab.grade import grade_discovered
from nnlab.gradebook import SubmissionResult
from nnlab.layouts import Found, notebooks_under, resolve_one
from nnlab.roster import BUNDLED_ROSTER, Roster
from nnlab.sandbox.launch import IsolationError, grading_level

HIDDEN = "after_published"


def submitted_by(root: Path) -> Found:
    """Who submitted, as ``submission_metadata.json`` says (its first user): e-mail, name, student id."""
    try:
        users = json.loads((root / "submission_metadata.json").read_text()).get("users") or [{}]
    except (OSError, ValueError, AttributeError):
        users = [{}]
    user = users[0] if isinstance(users[0], dict) else {}
    email = str(user.get("email") or "")
    return Found(root / "submission", "gradescope", login=email.partition("@")[0], name=str(user.get("name") or ""),
                 email=email, sid=str(user.get("sid") or ""))


def results(result: SubmissionResult, public: set[str]) -> dict[str, Any]:
    """Gradescope's results.json for one graded submission: students' messages only, never the TA detail."""
    lines = [f"{result.score:g} of {result.max_score:g} points"]
    if result.error:
        lines.append(f"could not be graded: {result.error}")
    lines += result.notes
    return {"score": result.score, "execution_time": round(result.seconds), "output": "\n".join(lines),
            "tests": [{"name": t.name, "score": t.score, "max_score": t.max_score,
                       "status": "passed" if t.passed else "failed",
                       "output": "" if t.passed else t.message,
                       "visibility": "visible" if t.name in public else HIDDEN} for t in result.tests]}


def grade_submission(assignment: str, root: Path) -> dict[str, Any]:
    """Grade the submitted notebook (the one named for the week, else the first) with the bundled course."""
    course = Course.unpacked(root)
    week = Week(assignment, course)
    bundled = course.root / BUNDLED_ROSTER
    roster = Roster.read(bundled) if bundled.is_file() else None
    public = {c.name for c in week.cases if c.public}
    notebooks = notebooks_under(root / "submission")
    if not notebooks:
        return {"score": 0.0, "output": f"no notebook (.ipynb) in the submission: upload {assignment}.ipynb",
                "tests": []}
    try:
        level = grading_level()
    except IsolationError as exc:
        return {"score": 0.0, "tests": [], "output": "Your notebook was not run: the autograder could not start its "
                f"sandbox, and course staff have to fix its image. ({exc})"}
    sub = resolve_one(notebooks, submitted_by(root), assignment, roster)
    return results(grade_discovered(week, sub, level=level), public)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("assignment")
    ap.add_argument("--root", type=Path, default=Path("/autograder"))
    args = ap.parse_args(argv)
    out = args.root / "results" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(grade_submission(args.assignment, args.root), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
