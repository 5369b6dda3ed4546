"""``nnlab new <week>``: a releasable skeleton of a new week, to edit into the real one.

It holds everything docs/authoring.md describes, once: the setup and checker cells, one graded
function with its check cell, a quiz item with its form check, a per-student item, the case table,
and a corpus folder with one right and one wrong file. ``nnlab release <week>`` accepts it as is.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

from nnlab.course import Course
from nnlab.release.notebooks import ReleaseError

WEEK_ID = re.compile(r"^\d\d_[a-z][a-z0-9_]*$")


def _code(grade_id: str, source: str, *, solution: bool = False, points: float | None = None) -> nbformat.NotebookNode:
    """A code cell with nbgrader's metadata: a solution cell, a graded (check) cell, or a locked one."""
    meta = {"grade": points is not None, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution}
    if points is not None:
        meta["points"] = points
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": meta})


def _check(target: str, points: float) -> nbformat.NotebookNode:
    return _code(f"check_{target}", f'check("{target}")\n### BEGIN HIDDEN TESTS\n'
                                    f'assert check("{target}", hidden=True).passed\n### END HIDDEN TESTS', points=points)


def master(assignment: str) -> nbformat.NotebookNode:
    """The skeleton master notebook of ``assignment``."""
    md = nbformat.v4.new_markdown_cell
    cells = [
        md(f"# {assignment}\n\nReplace this skeleton with the week's text, functions and questions "
           "(see docs/authoring.md)."),
        _code("setup", 'STUDENT_ID = ""  # your user name; filled in for you on JupyterHub\nimport os\n'
                       'STUDENT_ID = STUDENT_ID or os.environ.get("JUPYTERHUB_USER", "")\nimport numpy as np\n'
                       "from nnlab.variants import integers"),
        _code("checker", f'from nnlab.check import Checker\ngrader = Checker("{assignment}", globals())\n'
                         "check = grader.check"),
        md("## 1. Leaky ReLU\n\n$\\mathrm{leaky}(z) = z$ for $z > 0$, else $\\alpha z$."),
        _code("leaky_relu", 'def leaky_relu(z, alpha=0.01):\n    """Leaky ReLU, elementwise.\n\n'
                            "    z: array of any shape (ints or floats);  alpha: the slope for z <= 0.\n"
                            '    Returns a float array of the same shape.\n    """\n    ### BEGIN SOLUTION\n'
                            "    z = np.asarray(z, dtype=float)\n    return np.where(z > 0, z, alpha * z)\n"
                            "    ### END SOLUTION", solution=True),
        _check("leaky_relu", 3),
        md("**Question.** What is `leaky_relu(-2, alpha=0.1)`? Type the number (two decimals are enough)."),
        _code("answer_leaky_at_minus_2", "# answer_leaky_at_minus_2 = ...   (a number)\n### BEGIN SOLUTION\n"
                                         "answer_leaky_at_minus_2 = -0.2\n### END SOLUTION", solution=True),
        _check("answer_leaky_at_minus_2", 1),
        md("**Your own question.** The next cell draws a number from your `STUDENT_ID`; run it, then answer."),
        _code("variant_leaky", 'MY_Z = -integers(STUDENT_ID, "leaky", 1, 10)\n'
                               'print(f"What is leaky_relu({MY_Z}, alpha=0.5)?")'),
        _code("answer_my_leaky", "# answer_my_leaky = ...   (a number, for the MY_Z printed above)\n"
                                 "### BEGIN SOLUTION\n"
                                 'answer_my_leaky = float(leaky_relu(-integers(STUDENT_ID, "leaky", 1, 10), '
                                 'alpha=0.5))\n### END SOLUTION', solution=True),
        _check("answer_my_leaky", 1),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    return nb


CASES = '''"""Case table of week {week} (see docs/authoring.md): public cases students see, hidden ones with
inputs drawn per student, the quiz's form and value, and the per-student item."""
from __future__ import annotations

import numpy as np

from nnlab.cases import Args, Case
from nnlab.judge import REF, Close, Form
from nnlab.judge_variants import variant_answer
from nnlab.mistakes import known_mistakes
from nnlab.variants import integers

LEAKY_MISTAKES = [
    ("relu", lambda a: np.maximum(a["z"], 0.0), "for z <= 0 the output is alpha * z, not 0"),
]

CASES = [
    Case("leaky_relu/public", "leaky_relu", Close(REF), inputs=lambda rng: (np.array([-2.0, -0.5, 0.0, 1.5]),),
         public=True, about="[-2, -0.5, 0, 1.5]"),
    Case("leaky_relu/matrix", "leaky_relu", known_mistakes(LEAKY_MISTAKES),
         inputs=lambda rng: Args(rng.normal(size=(4, 3)), alpha=float(rng.uniform(0.05, 0.3))),
         about="a (4, 3) matrix and another alpha"),
    Case("leaky_relu/integers", "leaky_relu", known_mistakes(LEAKY_MISTAKES),
         inputs=lambda rng: (rng.integers(-5, 6, size=7),), about="an integer array"),
    Case("answer_leaky_at_minus_2/form", "answer_leaky_at_minus_2", Form("number"), mode="value", public=True,
         points=0),
    Case("answer_leaky_at_minus_2/value", "answer_leaky_at_minus_2", Close(REF, rtol=0, atol=5e-3), mode="value"),
    Case("answer_my_leaky/value", "answer_my_leaky",
         variant_answer(lambda student: 0.5 * -integers(student, "leaky", 1, 10), rtol=0, atol=5e-3), mode="value",
         extra_values=("STUDENT_ID",)),
]
'''

RIGHT = '''# passes
# Another correct way: a boolean mask.
def leaky_relu(z, alpha=0.01):
    z = np.array(z, dtype=float)
    z[z <= 0] *= alpha
    return z
'''

WRONG = '''# fails: leaky_relu/public leaky_relu/matrix=relu leaky_relu/integers=relu
# Forgets the leak: plain ReLU.
def leaky_relu(z, alpha=0.01):
    return np.maximum(np.asarray(z, dtype=float), 0.0)
'''


def new_week(course: Course, assignment: str) -> list[Path]:
    """Write the skeleton of ``assignment`` (master notebook, case table, corpus); refuses a bad or taken id."""
    if not WEEK_ID.match(assignment):
        raise ReleaseError(f"{assignment!r} is not a week id: two digits, an underscore, then lower-case words "
                           "(05_optimizers)")
    if assignment in course.weeks() or course.master(assignment).parent.exists():
        raise ReleaseError(f"{assignment} exists already")
    corpus = course.corpus(assignment)
    files = {course.master(assignment): nbformat.writes(master(assignment)) + "\n",
             course.cases_file(assignment): CASES.format(week=assignment),
             corpus / "right" / "boolean_mask.py": RIGHT,
             corpus / "wrong" / "no_leak.py": WRONG}
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return list(files)
