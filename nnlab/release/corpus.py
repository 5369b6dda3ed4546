"""A week's mistake corpus: ``tests/corpus/<week>/{right,wrong}/*.py``, each file appended as a last
cell to the reference notebook. A right file's first line is ``# passes``: it must keep full marks.
A wrong file's is ``# fails: case[=symptom] ...``: each case named must fail (with that symptom, if
given). ``nnlab release --verify`` grades the corpus and refuses the release when either is not so:
a reference bug or a wrong quiz key cannot be proven, but it shows up here.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from nnlab.course import Course
from nnlab.week import Week
from nnlab.grade import Submission, grade_all
from nnlab.gradebook import Gradebook


def corpus_files(course: Course, assignment: str) -> list[Path]:
    """The week's right and wrong files, sorted."""
    return sorted(course.corpus(assignment).glob("*/*.py"))


def expectations(path: Path) -> dict[str, str | None] | None:
    """``{case: symptom or None}`` for a wrong file, ``None`` for a right one; ValueError for neither."""
    head = (path.read_text().splitlines() or [""])[0].strip()
    if head == "# passes":
        return None
    if not head.startswith("# fails:"):
        raise ValueError(f"{path}: the first line must be '# passes' or '# fails: case[=symptom] ...'")
    pairs = [item.split("=", 1) for item in head.removeprefix("# fails:").split()]
    return {p[0]: (p[1] if len(p) > 1 else None) for p in pairs}


def with_cell(notebook: Path, source: str, dest: Path) -> Path:
    """Copy ``notebook`` to ``dest`` with one more code cell at the end."""
    nb = json.loads(notebook.read_text())
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": f"appended-{len(nb['cells'])}",
                        "metadata": {}, "outputs": [], "source": source})
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(nb))
    return dest


def corpus_problems(course: Course, week: Week, jobs: int = 2) -> list[str]:
    """One line per file of ``course``'s corpus that does not do what its first line says, graded with
    ``week`` on its reference notebook (a release being verified lives in a scratch course)."""
    files = corpus_files(course, week.assignment)
    if not files:
        return [f"{course.corpus(week.assignment)} holds no corpus: add right/ and wrong/ files (docs/authoring.md)"]
    problems = []
    with tempfile.TemporaryDirectory(prefix="nnlab-corpus-") as tmp:
        subs, expected = [], {}
        for path in files:
            student = f"{path.parent.name}-{path.stem}"
            rel = path.relative_to(course.root)
            try:
                expected[student] = (rel, expectations(path))
            except ValueError as exc:
                problems.append(str(exc))
                continue
            subs.append(Submission(student, with_cell(week.course.solution_notebook(week.assignment), path.read_text(),
                                                      Path(tmp) / student / f"{week.assignment}.ipynb")))
        for result in grade_all(week, subs, Gradebook(Path(tmp) / "corpus.db"), jobs=jobs):
            rel, wants = expected[result.student]
            by_name = {t.name: t for t in result.tests}
            if result.error:
                problems.append(f"{rel}: could not be graded: {result.error}")
            elif wants is None:
                lost = [f"{t.name}: {t.message}" for t in result.tests if not t.passed]  # 0-point checks too
                if lost:
                    problems.append(f"{rel}: a correct answer fails a check: {lost[0]}"
                                    + (f" (and {len(lost) - 1} more)" if len(lost) > 1 else ""))
            else:
                for case, symptom in wants.items():
                    t = by_name.get(case)
                    if t is None:
                        problems.append(f"{rel}: no case {case}")
                    elif t.passed:
                        problems.append(f"{rel}: the mistake passes {case}")
                    elif symptom and t.symptom != symptom:
                        problems.append(f"{rel}: {case} fails as {t.symptom!r}, not {symptom!r}: {t.message}")
    return problems
