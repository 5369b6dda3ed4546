"""Grade one submission inside Gradescope's autograder harness (the bundle's ``run_autograder``).

Gradescope unpacks the bundle into ``<root>/source``, puts the student's files into
``<root>/submission`` and who submitted into ``<root>/submission_metadata.json``, and reads
``<root>/results/results.json`` (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
Public cases are shown at once; hidden ones after the grades are published.

    python -m nnlab.gradescope 01_perceptron [--root /autograder]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from nnlab.course import Course, Week
from nnlab.grade import Submission, grade_one, notebooks_under
from nnlab.gradebook import SubmissionResult
from nnlab.sandbox.launch import IsolationError, grading_level

HIDDEN = "after_published"


def student_id(root: Path) -> str:
    """The submitter as the per-student variants know them: the local part of their e-mail."""
    try:
        users = json.loads((root / "submission_metadata.json").read_text()).get("users") or [{}]
    except (OSError, ValueError):
        users = [{}]
    email = str(users[0].get("email") or "")
    return email.split("@")[0] or str(users[0].get("sid") or users[0].get("name") or "student")


def results(result: SubmissionResult, public: set[str]) -> dict[str, Any]:
    """Gradescope's results.json for one graded submission."""
    lines = [f"{result.score:g} of {result.max_score:g} points"]
    if result.error:
        lines.append(f"could not be graded: {result.error}")
    lines += result.notes
    return {"score": result.score, "execution_time": round(result.seconds), "output": "\n".join(lines),
            "tests": [{"name": t.name, "score": t.score, "max_score": t.max_score,
                       "status": "passed" if t.passed else "failed",
                       "output": "" if t.passed else t.message,
                       "visibility": "visible" if t.name in public else HIDDEN} for t in result.tests]}


def grade_submission(week_id: str, root: Path) -> dict[str, Any]:
    """Grade the first notebook under ``root/submission`` with the bundled course."""
    week = Week(week_id, Course(root / "source" / "course"))
    public = {c.name for c in week.cases if c.public}
    notebooks = notebooks_under(root / "submission")
    if not notebooks:
        return {"score": 0.0, "output": f"no notebook (.ipynb) in the submission: upload {week_id}.ipynb",
                "tests": []}
    preferred = [nb for nb in notebooks if nb.name == f"{week_id}.ipynb"] or notebooks
    try:
        level = grading_level()
    except IsolationError as exc:
        return {"score": 0.0, "tests": [], "output": "Your notebook was not run: the autograder could not start its "
                f"sandbox, and course staff have to fix its image. ({exc})"}
    return results(grade_one(week, Submission(student_id(root), preferred[0]), level=level), public)


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
