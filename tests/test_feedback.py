"""Fair feedback: what students read never holds a hidden case's expected value or a quiz key (the
TA-only detail does), errors are short and located by what students see, ``check_all()`` sums up,
and hidden inputs follow the submitted code."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from nnlab import notebook
from nnlab.cases import instantiate
from nnlab.check import Checker
from nnlab.course import Course, CourseError
from nnlab.week import Week
from nnlab.grade import Submission, grade_one
from nnlab.gradebook import SubmissionResult
from nnlab.gradescope import results as gradescope_results
from nnlab.judge import REF
from nnlab.report import feedback_text, write_csv
from nnlab.release.corpus import with_cell
from tests.conftest import ROOT

COURSE = Course(ROOT)
WEEKS = COURSE.weeks()
STUDENT = "ada"
PERTURB = '''
import numpy as _np

def _off(x):
    if isinstance(x, (list, tuple)):
        return type(x)(_off(e) for e in x)
    if isinstance(x, (float, _np.floating)) or (isinstance(x, _np.ndarray) and x.dtype.kind == "f"):
        return x * 1.07 + 0.013
    return x

def _wrapped(f):
    return lambda *a, **k: _off(f(*a, **k))

for _name in {names!r}:
    globals()[_name] = _wrapped(globals()[_name])
'''


def quiz_keys(week: Week, student: str) -> dict[str, Any]:
    """Every ``answer_...`` of the reference, per-student variants recomputed for ``student`` by
    running their solution cells with that STUDENT_ID."""
    from nnlab.variants import integers

    keys = {k: v for k, v in vars(week.ref).items() if k.startswith("answer_")}
    for cell in notebook.read(COURSE.solution_notebook(week.assignment))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "STUDENT_ID" in source and re.search(r"^answer_\w+ =", source, re.M):
            space = {**vars(week.ref), "STUDENT_ID": student, "integers": integers}
            exec(source, space)  # noqa: S102 - the course's own solution cell
            keys.update({k: space[k] for k in re.findall(r"^(answer_\w+) =", source, re.M)})
    return keys


def wrong_answer(key: Any) -> Any:
    if isinstance(key, str):
        return "B" if key.strip().upper() != "B" else "A"
    if isinstance(key, bool):
        return not key
    if isinstance(key, (list, tuple, np.ndarray)):
        return [float(v) + 1 for v in np.ravel(key)]
    return key * 1.1 if isinstance(key, float) else key + 1


def graded_functions(week: Week) -> list[str]:
    return sorted({c.function for c in week.cases
                   if c.mode == "call" and callable(getattr(week.ref, c.function, None))})


@pytest.fixture(scope="module")
def wrong(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Week, Path, SubmissionResult]]:
    """Each week's reference with every quiz answer wrong and every graded function slightly off."""
    out = {}
    for w in WEEKS:
        week = COURSE.week(w)
        answers = "\n".join(f"{k} = {wrong_answer(v)!r}" for k, v in quiz_keys(week, STUDENT).items())
        cell = PERTURB.format(names=graded_functions(week)) + answers
        nb = with_cell(COURSE.solution_notebook(w), cell, tmp_path_factory.mktemp(w) / f"{w}.ipynb")
        out[w] = week, nb, grade_one(week, Submission(STUDENT, nb))
    return out


def leaf_numbers(x: Any) -> list[float]:
    if isinstance(x, (list, tuple)):
        return [n for e in x for n in leaf_numbers(e)]
    try:
        a = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        return []
    return [float(v) for v in a.ravel() if np.isfinite(v)] if a.dtype.kind == "f" else []


def shown(x: float) -> str:
    return f"{abs(x):.6g}"


def telling(x: float) -> bool:
    """A number whose 6-digit form cannot turn up in a message by chance (4+ significant digits)."""
    mantissa = shown(x).split("e")[0].replace(".", "").lstrip("0")
    return len(mantissa) >= 4 and not (float(x).is_integer() and abs(x) < 1e4)


def expected_values(week: Week, nb: Path) -> dict[str, Any]:
    """Each hidden case's expected value for STUDENT and this notebook, from the reference."""
    salt = notebook.code_digest(notebook.read(nb))
    keys = quiz_keys(week, STUDENT)
    values = {}
    for case in week.cases:
        if case.public:
            continue
        if case.mode == "value":
            if case.target in keys:
                values[case.name] = keys[case.target]
            continue
        ctx = instantiate(case, week.assignment, STUDENT, week.ref, salt).context(week.ref, STUDENT, {})
        try:
            values[case.name] = ctx.expected(getattr(case.judge, "expected", REF))
        except Exception:  # noqa: BLE001 - a judge whose expected value is not the reference's output
            continue
    return values


def pattern(x: float) -> str:
    return rf"(?<![\d.]){re.escape(shown(x))}(?![\d])"


def student_text(week: Week, result: SubmissionResult, tmp_path: Path) -> str:
    """Everything a student reads: messages, the feedback file, the CSV, Gradescope's results.json."""
    public = {c.name for c in week.cases if c.public}
    exported = write_csv([result], tmp_path / "grades.csv").read_text()
    return "\n".join([*(t.message for t in result.tests), feedback_text(result), exported,
                      json.dumps(gradescope_results(result, public))])


@pytest.mark.slow
@pytest.mark.parametrize("w", WEEKS)
def test_student_text_never_holds_a_hidden_expected_value(w: str, wrong, tmp_path: Path) -> None:
    week, nb, result = wrong[w]
    text = student_text(week, result, tmp_path)
    by_name = {t.name: t for t in result.tests}
    numbers = {name: [x for x in leaf_numbers(v) if telling(x)] for name, v in expected_values(week, nb).items()
               if not isinstance(v, (str, bool))}
    checked = [x for xs in numbers.values() for x in xs]
    assert len(checked) > 10, "too few hidden values to make this test mean something"
    public = "\n".join(t.message for t in result.tests if t.name in {c.name for c in week.cases if c.public})
    leaked = sorted({shown(x) for x in checked if re.search(pattern(x), text) and not re.search(pattern(x), public)})
    assert not leaked, f"hidden expected values reach students: {leaked[:10]}"  # (a public case may show it)
    failed = [n for n, xs in numbers.items() if xs and by_name[n].symptom == "value"]
    assert failed, "the perturbed notebook should fail hidden cases on their values"
    for name in failed:
        said = re.search(r"expected (\S+?),? got", by_name[name].detail)
        assert said and said[1].lstrip("-") in {shown(x) for x in leaf_numbers(expected_values(week, nb)[name])}, \
            (name, by_name[name].detail)


@pytest.mark.parametrize("w", WEEKS)
def test_quiz_keys_stay_with_the_ta(w: str, wrong, tmp_path: Path) -> None:
    week, _, result = wrong[w]
    keys = quiz_keys(week, STUDENT)
    text = student_text(week, result, tmp_path)
    advice = {c.name: c.messages.get("value", "") for c in week.cases}
    quiz = [t for t in result.tests if t.target in keys and t.name.endswith("/value")]
    assert quiz and not any(t.passed for t in quiz)
    for t in quiz:
        key, verdict = keys[t.target], t.message.replace(advice[t.name], "")  # the advice is the instructor's
        if isinstance(key, str):
            assert not re.search(rf"\b{key}\b", verdict) and f"expected {key}" in t.detail, t
        elif isinstance(key, bool):
            assert str(key) not in verdict and f"expected {key}" in t.detail, t
        else:  # small numbers turn up anywhere: look in the case's own message (the advice too, for
            # numbers that cannot be there by chance; the same advice for everyone may name inputs 0 and 1)
            numbers = [float(x) for x in np.ravel(key)]
            assert not [x for x in numbers if re.search(pattern(x), t.message if telling(x) else verdict)], t
            assert not [x for x in numbers if telling(x) and re.search(pattern(x), text)], t
            assert shown(numbers[0]) in t.detail, t


@pytest.mark.parametrize("w", WEEKS)
def test_public_cases_may_show_their_values(w: str, wrong) -> None:
    week, _, result = wrong[w]
    public = {c.name for c in week.cases if c.public}
    shown_values = [t for t in result.tests if t.name in public and t.symptom == "value" and t.detail]
    assert shown_values and all(t.detail in t.message and "expected" in t.detail for t in shown_values)


def test_reveal_puts_the_detail_into_feedback_files_only(wrong, tmp_path: Path) -> None:
    week, nb, _ = wrong["01_perceptron"]
    folder = tmp_path / "submitted"
    (folder / STUDENT).mkdir(parents=True)
    (folder / STUDENT / nb.name).write_bytes(nb.read_bytes())

    def grade(*extra: str) -> tuple[dict, str, str]:
        done = subprocess.run([sys.executable, "-m", "nnlab", "grade", week.assignment, str(folder), "--json",
                               "--gradebook", str(tmp_path / "gb.db"), *extra], capture_output=True, text=True,
                              cwd=tmp_path, timeout=600, env={"NNLAB_COURSE": str(ROOT), "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        feedback = (tmp_path / "feedback" / week.assignment / f"{STUDENT}.md").read_text()
        return json.loads(done.stdout), feedback, (tmp_path / f"grades-{week.assignment}.csv").read_text()

    row, before, exported = grade()
    details = [t["detail"] for t in row["tests"] if t["detail"] and t["name"].endswith("/value")]
    assert details and not any(d in before for d in details) and not any(d in exported for d in details)
    _, after, exported_again = grade("--reveal")
    assert all(d in after for d in details) and exported_again == exported


def run(week: str, cell: str, path: Path, student: str = STUDENT) -> SubmissionResult:
    nb = with_cell(COURSE.solution_notebook(week), cell, path)
    return grade_one(COURSE.week(week), Submission(student, nb))


def test_exceptions_are_short_and_located_by_what_students_see(tmp_path: Path) -> None:
    cell = ("import numpy as np\n"
            "def perceptron_update(w_ext, x, y):\n"
            "    big = np.arange(200.0).reshape(20, 10)\n"
            "    raise ValueError('bad weights ' + repr(big))\n"
            "def step(z):\n"
            "    raise ValueError('y' * 500)\n")
    scratch = "# my scratch work\n\nleft_over = undefined_name + 1\n"
    result = run("01_perceptron", cell + "\n", tmp_path / "a" / "nb.ipynb")
    by = {t.name: t.message for t in result.tests}
    update = by["perceptron_update/lecture-first-step"]
    assert "ValueError: bad weights array [...]" in update and "\n" not in update
    assert "in perceptron_update, line 4 of its cell: raise ValueError" in update
    assert "12." not in update and "199" not in update  # no dump of the array
    assert "y" * 150 in by["step/mixed"] and "y" * 201 not in by["step/mixed"]
    assert not any(re.search(r"\bcell \d", m) for m in by.values())
    noted = run("01_perceptron", scratch, tmp_path / "b" / "nb.ipynb").notes
    assert noted == ['in the cell starting "# my scratch work": NameError: name \'undefined_name\' is not '
                     'defined (line 3: left_over = undefined_name + 1)']


def echoing(extra: str = "") -> str:
    """A step that returns the sum of its input everywhere: the TA detail then shows the input drawn."""
    return ("import numpy as np\n"
            "def step(z):\n"
            "    return np.full(np.shape(z), float(np.sum(np.abs(z))) + 0.5)\n" + extra)


def test_hidden_inputs_follow_the_submitted_code_and_a_regrade_is_identical(tmp_path: Path) -> None:
    first = run("01_perceptron", echoing(), tmp_path / "a" / "nb.ipynb")
    again = run("01_perceptron", echoing(), tmp_path / "b" / "nb.ipynb")
    edited = run("01_perceptron", echoing("# hard-coded what I saw\n"), tmp_path / "c" / "nb.ipynb")
    detail = lambda r: {t.name: t.detail for t in r.tests if t.target == "step"}  # noqa: E731
    assert first.tests == again.tests
    assert detail(first)["step/matrix"] != detail(edited)["step/matrix"]
    assert detail(first)["step/mixed"] == detail(edited)["step/mixed"] != ""  # public inputs stay fixed


def test_instances_are_salted_for_hidden_cases_only() -> None:
    week = COURSE.week("01_perceptron")
    for case in week.cases:
        plain, same, other = (instantiate(case, week.assignment, STUDENT, week.ref, salt) for salt in ("s1", "s1", "s2"))
        assert plain.args_spec == same.args_spec
        if case.public:
            assert plain.args_spec == other.args_spec == instantiate(case, week.assignment, "bo", week.ref).args_spec
    hidden = [c for c in week.cases if c.name == "step/matrix"][0]
    assert (instantiate(hidden, week.assignment, STUDENT, week.ref, "s1").args_spec
            != instantiate(hidden, week.assignment, STUDENT, week.ref, "s2").args_spec)


@pytest.mark.parametrize("assignment", COURSE.weeks())
def test_hidden_inputs_differ_between_students_where_they_are_drawn(assignment: str) -> None:
    """A hidden case whose inputs follow its seed is drawn afresh for each student: one student's
    expected values say nothing about another's."""
    week = COURSE.week(assignment)
    drawn = [c for c in week.cases if not c.public and c.inputs
             and instantiate(c, week.assignment, STUDENT, week.ref, "s").args_spec
             != instantiate(c, week.assignment, STUDENT, week.ref, "t").args_spec]
    assert drawn, f"{assignment} draws no hidden input from its seed"
    same = [c.name for c in drawn if instantiate(c, week.assignment, STUDENT, week.ref, "s").args_spec
            == instantiate(c, week.assignment, "bo", week.ref, "s").args_spec]
    assert not same, f"the same inputs for two students: {same}"


def students_namespace(week: Week, broken: str) -> dict[str, Any]:
    """The reference's names as a student's kernel holds them, with ``broken`` returning wrong values."""
    space = dict(vars(week.ref))
    right = space[broken]
    space[broken] = lambda *a, **k: np.asarray(right(*a, **k)) + 1
    return space


def test_check_all_gives_the_total_and_a_line_per_failing_target() -> None:
    week = COURSE.week("01_perceptron")
    public = json.loads(COURSE.public_cases(week.assignment).read_text())
    of_step = sum(c["target"] == "step" for c in public)
    summary = repr(Checker(week.assignment, students_namespace(week, "step"), COURSE.public_cases(week.assignment).parent).check_all())
    lines = summary.splitlines()
    assert lines[0] == f"{len(public) - of_step} of {len(public)} public checks passed"
    assert [line for line in lines if "✗" in line] == [line for line in lines if line.startswith("  ✗ step ")]
    assert len([line for line in lines if "✗" in line]) == 1
    forms = {c["target"] for c in public if c["judge"]["kind"] == "form"}
    assert forms and all(f"  ✓ {t}: format ok — the value is graded after you submit" in lines for t in forms)


def test_a_check_finds_public_cases_beside_the_notebook_without_a_course(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import nnlab.check

    week = COURSE.week("01_perceptron")
    released = json.loads(COURSE.public_cases(week.assignment).read_text())
    (tmp_path / "public_cases.json").write_text(json.dumps([c for c in released if c["target"] == "step"]))
    monkeypatch.chdir(tmp_path)  # a kernel runs in the notebook's folder
    assert Checker(week.assignment, dict(vars(week.ref))).targets() == ["step"]  # beside the notebook comes first

    def no_course() -> Course:
        raise CourseError("no course here")

    monkeypatch.setattr(nnlab.check, "find_course", no_course)
    assert "1 of 1 public checks passed" in repr(Checker(week.assignment, dict(vars(week.ref))).check_all())
    (tmp_path / "public_cases.json").unlink()
    with pytest.raises(FileNotFoundError, match="beside it"):
        Checker(week.assignment, {})



def test_a_student_with_another_numpy_major_is_warned_once_and_the_grader_s_is_what_pyproject_pins():
    import re

    from nnlab.check import GRADER_NUMPY_MAJOR, environment_warning

    pinned = re.search(r'"numpy>=(\d+)', (ROOT / "pyproject.toml").read_text()).group(1)
    assert int(pinned) == GRADER_NUMPY_MAJOR
    assert environment_warning(f"{GRADER_NUMPY_MAJOR}.4.1") is None
    said = environment_warning("1.26.4")
    assert said and "1.26.4" in said and "pip install" in said


def kernel_of(week: Week, *wrong: str) -> dict[str, Any]:
    """A student's kernel: the reference's cells run, then the corpus files ``wrong`` (their own
    functions look their helpers up in this namespace, as a notebook's do)."""
    space: dict[str, Any] = {}
    exec(COURSE.reference_file(week.assignment).read_text(), space)  # noqa: S102 - the course's own reference
    for name in wrong:
        exec((COURSE.corpus(week.assignment) / "wrong" / f"{name}.py").read_text(), space)  # noqa: S102
    return space


def test_a_public_check_that_fails_through_a_wrong_helper_says_to_fix_the_helper_first() -> None:
    week = COURSE.week("04_cnn")
    checker = Checker(week.assignment, kernel_of(week, "size_true_division"), COURSE.public_cases(week.assignment).parent)
    conv = checker.check("conv2d")
    assert not conv.passed
    assert "(it calls your conv_output_size, which fails its own checks: fix that first)" in repr(conv)
    summary = [line for line in repr(checker.check_all()).splitlines() if line.startswith("  ✗ max_pool2d")]
    assert summary and "it calls your conv_output_size, which fails its own checks" in summary[0]
    own = Checker(week.assignment, kernel_of(week, "conv_stride_ignored"), COURSE.public_cases(week.assignment).parent)
    assert not own.check("conv2d").passed and "calls your" not in repr(own.check("conv2d"))
