"""Release: generated files match source/, and a release that would be wrong writes nothing."""
from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from nnlab.course import Course
from nnlab.week import Week
from nnlab.release import ReleaseError, build_bundle, drift, release
from nnlab.release.notebooks import leaks, reference_source, student_version
from tests.conftest import ROOT

WEEK = "01_perceptron"


@pytest.mark.parametrize("week", Course(ROOT).weeks())
def test_generated_files_match_source(course: Course, week: str) -> None:
    stale = drift(course, week)
    assert not stale, f"out of date, run `nnlab release {week}`: {stale}"


def scratch(tmp_path: Path, edit_cases=None, edit_master=None) -> Course:
    """A one-week copy of the course, optionally edited. Its check cells get the points of their
    cases: the checked-in week 01 gives some check cells fewer (see test_release_slips.py)."""
    (tmp_path / "source" / WEEK).mkdir(parents=True)
    (tmp_path / "autograder" / WEEK).mkdir(parents=True)
    for path in Course(ROOT).case_files(WEEK):  # cases.py and the helpers.py beside it
        text = path.read_text()
        (tmp_path / "autograder" / WEEK / path.name).write_text(
            edit_cases(text) if edit_cases and path.name == "cases.py" else text)
    points: dict[str, float] = {}
    for case in Week(WEEK, Course(tmp_path)).cases:
        points[case.target] = points.get(case.target, 0) + case.points
    master = nbformat.read(str(ROOT / "source" / WEEK / f"{WEEK}.ipynb"), as_version=4)
    for cell in master.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and meta.get("grade_id", "").removeprefix("check_") in points:
            meta["points"] = points[meta["grade_id"].removeprefix("check_")]
    if edit_master:
        edit_master(master)
    nbformat.write(master, str(tmp_path / "source" / WEEK / f"{WEEK}.ipynb"))
    return Course(tmp_path)


def test_release_writes_all_six_files_and_building_again_changes_nothing(tmp_path: Path) -> None:
    course = scratch(tmp_path)
    written = {p.relative_to(tmp_path).as_posix() for p in release(course, WEEK)}
    assert written == {f"assignments/{WEEK}/{WEEK}.ipynb", f"assignments/{WEEK}/public_cases.json",
                       f"solutions/{WEEK}/{WEEK}.ipynb", f"autograder/{WEEK}/reference.py",
                       f"autograder/{WEEK}/demo_cells.json", f"autograder/{WEEK}/versions.json"}
    assert drift(course, WEEK) == []


def test_a_bundle_is_built_on_demand_reproducibly_and_never_from_a_stale_release(tmp_path: Path) -> None:
    course = scratch(tmp_path)
    with pytest.raises(ReleaseError, match="nnlab release"):
        build_bundle(course, WEEK)
    release(course, WEEK)
    first = build_bundle(course, WEEK).read_bytes()
    assert build_bundle(course, WEEK, tmp_path / "again.zip").read_bytes() == first
    assert course.bundle(WEEK) == tmp_path / "build" / WEEK / "gradescope.zip"


def test_release_refuses_when_the_reference_loses_points(tmp_path: Path) -> None:
    course = scratch(tmp_path, edit_cases=lambda s: s.replace('Letter(REF)', 'Letter("A")'))
    with pytest.raises(ReleaseError, match="reference scores"):
        release(course, WEEK)
    assert not (tmp_path / "assignments").exists() and not (tmp_path / "solutions").exists()


def test_release_refuses_when_the_stub_scores(tmp_path: Path) -> None:
    def give_away(master):  # the solution sits in an ordinary cell, so students get it for free
        master.cells.append(nbformat.v4.new_code_cell("def step(z):\n    return (np.asarray(z) > 0).astype(int)"))
    with pytest.raises(ReleaseError, match="scores 4 without any work"):
        release(scratch(tmp_path, edit_master=give_away), WEEK)
    assert not (tmp_path / "assignments").exists()


def test_student_version_has_stubs_no_solutions_and_no_hidden_tests(course: Course) -> None:
    master = nbformat.read(str(course.master(WEEK)), as_version=4)
    text = nbformat.writes(student_version(master))
    assert "raise NotImplementedError()" in text
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "hidden=True" not in text
    assert "np.hstack([X, np.ones((X.shape[0], 1))])" not in text
    assert "def perceptron_predict(w_ext, X):" in text  # signatures and docstrings stay
    assert not leaks(master, student_version(master), "")


def test_leak_check_finds_solution_lines_in_the_student_notebook(course: Course) -> None:
    master = nbformat.read(str(course.master(WEEK)), as_version=4)
    student = student_version(master)
    student.cells.append(nbformat.v4.new_code_cell("X_ext = np.hstack([X, np.ones((X.shape[0], 1))])"))
    assert leaks(master, student, "") == ["X_ext = np.hstack([X, np.ones((X.shape[0], 1))])"]
    assert leaks(master, student_version(master), '{"hint": "mistakes_per_epoch.append(mistakes)"}')


def test_reference_module_has_solutions_without_markers(course: Course) -> None:
    source = reference_source(nbformat.read(str(course.master(WEEK)), as_version=4))
    assert "### BEGIN SOLUTION" not in source and "def train_perceptron(" in source
    compile(source, "reference.py", "exec")


def test_released_notebooks_keep_nbgrader_metadata(course: Course) -> None:
    nb = nbformat.read(str(course.student_notebook(WEEK)), as_version=4)
    graded = [c.metadata["nbgrader"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert graded and all(m["locked"] and "checksum" in m and m["points"] >= 0 for m in graded)
    assert sum(m["points"] for m in graded) == course.week(WEEK).max_score  # nbgrader's total is nnlab's


def test_public_numbers_may_differ_in_the_last_bit_only() -> None:
    from nnlab.release import same_numbers
    from nnlab.sandbox import plain
    x = np.array([0.1, 2.5, -3.0])
    nudged = np.nextafter(x, np.inf)
    assert same_numbers({"a": plain.encode(x), "b": [0.3]}, {"a": plain.encode(nudged), "b": [0.30000000000000004]})
    assert not same_numbers(plain.encode(x), plain.encode(x * (1 + 1e-9)))
    assert not same_numbers(plain.encode(x), plain.encode(x.astype(np.float32)))
    assert not same_numbers({"a": 1}, {"a": 1.0})
    assert not same_numbers(["x"], ["y"])


def test_release_reads_and_expands_the_master_once(course: Course, monkeypatch: pytest.MonkeyPatch) -> None:
    import nnlab.release as release_module

    calls = []
    real = release_module.expand_includes
    monkeypatch.setattr(release_module, "expand_includes", lambda *a: calls.append(a) or real(*a))
    released, problems = release_module.check(course, "04_cnn")
    assert released is not None and not problems and len(calls) == 1


def test_an_include_cell_takes_functions_and_constants_from_the_earlier_weeks_reference() -> None:
    from nnlab.release.notebooks import expand_includes

    earlier = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import numpy as np\nSCALE = 2.0\n\ndef double(x):\n    return SCALE * x\n\ndef unused():\n    pass",
        metadata={"nbgrader": {"solution": True, "grade": False, "locked": False, "grade_id": "double"}})])
    include = nbformat.v4.new_code_cell("", metadata={"nnlab": {"from_week": "00_earlier", "names": ["SCALE", "double"]}})
    master = nbformat.v4.new_notebook(cells=[include])
    expanded = expand_includes(master, {"00_earlier": earlier}.__getitem__)
    space: dict = {}
    exec(expanded.cells[0].source, space)  # noqa: S102 - the test's own text
    assert space["double"](3) == 6.0 and "unused" not in space
    assert "00_earlier" in expanded.cells[0].source.splitlines()[0] and master.cells[0].source == ""

    include.metadata["nnlab"]["names"] = ["double", "halve"]
    with pytest.raises(ReleaseError, match=r"00_earlier defines no \['halve'\]"):
        expand_includes(master, {"00_earlier": earlier}.__getitem__)


def test_public_cases_released_before_the_rename_still_load() -> None:
    """A student may hold a public_cases.json that names the called function "call" (before week 1 v4)."""
    import json

    from nnlab.cases import case_from_data

    for data in json.loads((ROOT / "assignments" / WEEK / "public_cases.json").read_text()):
        old = {("call" if k == "function" else k): v for k, v in data.items()}
        assert case_from_data(old).case.function == case_from_data(data).case.function == data["function"]
    assert any(d["function"] != d["target"] for d in json.loads((ROOT / "assignments" / WEEK / "public_cases.json")
                                                                .read_text()))
