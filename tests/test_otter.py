"""`nnlab export <week> otter`: otter-grader's autograder zip of a week, built reproducibly from the
released week, and a real `otter run` on the sample class scores every case as `nnlab grade` does."""
from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from nnlab.course import Course
from nnlab.otter_bridge import UNKNOWN, submitter
from nnlab.otter_export import build_otter, otter_zip
from nnlab.release import ReleaseError, build_bundle, release
from tests.conftest import ROOT, run_nnlab
from tests.test_release import WEEK as SCRATCH_WEEK, scratch

WEEK = "01_perceptron"
OTTER = Path(sys.executable).with_name("otter")
SAMPLES = ROOT / "examples" / "submissions"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Week 01's export, built as `nnlab export 01_perceptron otter` builds it."""
    return build_otter(Course(ROOT), WEEK, tmp_path_factory.mktemp("build") / WEEK / "otter.zip")


def test_the_command_builds_the_same_bytes_in_either_word_order(exported: Path, tmp_path: Path) -> None:
    for k, argv in enumerate([("export", WEEK, "otter"), ("export", "otter", WEEK)]):
        out = tmp_path / f"{k}.zip"
        done = run_nnlab(*argv, "--out", str(out), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert out.read_bytes() == exported.read_bytes(), "the export is not reproducible"
    assert otter_zip(Course(ROOT), WEEK) == ROOT / "build" / WEEK / "otter.zip"


def test_the_zip_is_what_otter_generate_writes_with_one_test_per_case(exported: Path, course: Course) -> None:
    with zipfile.ZipFile(exported) as zf:
        names = set(zf.namelist())
        config = json.loads(zf.read("otter_config.json"))
        environment = zf.read("environment.yml").decode()
        tests = [_spec(zf.read(n).decode()) for n in sorted(names) if n.startswith("tests/")]
    assert {"otter_config.json", "environment.yml", "setup.sh", "run_autograder", "run_otter.py"} <= names
    assert config["lang"] == "python" and "otter-grader[grading,plugins]==7.0.0" in environment
    cases = course.week(WEEK).cases
    assert [(t["name"], t["points"], t["suites"][0]["cases"][0]["hidden"]) for t in tests] == \
        [(c.name, c.points, not c.public) for c in cases]
    for test in tests:  # a test asks the bridge for its case, and carries nothing else of it
        code = test["suites"][0]["cases"][0]["code"]
        assert code == (">>> from nnlab import otter_bridge\n"
                        f">>> print(otter_bridge.result({WEEK!r}, {test['name']!r}))\nok\n")


def _spec(source: str) -> dict:
    tree = ast.parse(source)
    values = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}
    assert values["OK_FORMAT"] is True
    return values["test"]


def test_the_zip_holds_no_more_of_the_course_than_the_gradescope_bundle(exported: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(build_bundle(Course(ROOT), WEEK, tmp_path / "gradescope.zip")) as zf:
        bundle = {n: zf.read(n) for n in zf.namelist() if n.startswith(("nnlab/", "course/"))}
    with zipfile.ZipFile(exported) as zf:
        grader = {n: zf.read(n) for n in zf.namelist() if n.startswith(("nnlab/", "course/"))}
        everything = zf.namelist()
    assert grader == bundle
    otters = {"otter_config.json", "environment.yml", "requirements.txt", "setup.sh", "run_autograder", "run_otter.py"}
    assert set(everything) - set(bundle) - otters == {n for n in everything if n.startswith("tests/")}
    assert not [n for n in everything if n.endswith(".ipynb") or "solutions/" in n or "source/" in n
                or "__pycache__" in n]


def test_a_stale_or_unreleased_week_is_refused_as_the_bundle_refuses_it(tmp_path: Path) -> None:
    course = scratch(tmp_path)
    with pytest.raises(ReleaseError, match="nnlab release"):
        build_otter(course, SCRATCH_WEEK)
    release(course, SCRATCH_WEEK)
    reference = course.reference_file(SCRATCH_WEEK)
    reference.write_text(reference.read_text() + "\n# edited by hand\n")
    with pytest.raises(ReleaseError, match="nnlab release"):
        build_otter(course, SCRATCH_WEEK)
    assert not otter_zip(course, SCRATCH_WEEK).exists()


def test_the_submitter_is_gradescopes_else_the_notebooks_own_id(tmp_path: Path) -> None:
    path = tmp_path / "submission" / f"{WEEK}.ipynb"
    (tmp_path / "submission_metadata.json").write_text(json.dumps({"users": [{"email": "ada@uni.example"}]}))
    assert submitter(tmp_path, WEEK, {"STUDENT_ID": "ben"}, path, None) == ("ada", True)
    (tmp_path / "submission_metadata.json").write_text("{}")  # what `otter run` writes
    assert submitter(tmp_path, WEEK, {"STUDENT_ID": " ben "}, path, None) == ("ben", True)
    assert submitter(tmp_path, WEEK, {"STUDENT_ID": ""}, path, None) == (UNKNOWN, False)


def otter_scores(autograder: Path, notebook: Path, student: str, out: Path) -> dict[str, float] | None:
    """Each case's points from a real `otter run` of ``notebook``, the kernel started for ``student``
    (JupyterHub's user, as `nnlab grade` starts it); None when otter cannot grade it at all."""
    out.mkdir(parents=True)
    env = {**os.environ, "JUPYTERHUB_USER": student}
    otter = subprocess.Popen([str(OTTER), "run", "-a", str(autograder), "-o", str(out), "--no-logo", str(notebook)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        otter.wait(timeout=120)
    except subprocess.TimeoutExpired:  # otter itself stops nothing: end it and its kernel
        os.killpg(otter.pid, signal.SIGKILL)
        otter.wait()
    if otter.returncode != 0 or not (out / "results.json").exists():
        return None
    return {t["name"]: float(t["score"]) for t in json.loads((out / "results.json").read_text())["tests"]
            if "score" in t}


def nnlab_scores(week: str, tmp_path: Path) -> dict[str, dict[str, float]]:
    """Each sample student's points per case from `nnlab grade --json`."""
    done = run_nnlab("grade", week, str(SAMPLES / week), "--gradebook", str(tmp_path / "nnlab.db"), "--json",
                     "--jobs", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {r["student"]: {t["name"]: float(t["score"]) for t in r["tests"]} for r in results}


def disagreements(week: str, tmp_path: Path) -> tuple[list[str], dict[str, float]]:
    """Where `otter run` and `nnlab grade` score a sample student's case differently, and the seconds
    each step took. A notebook otter cannot grade at all counts as 0 points for each case."""
    start = time.monotonic()
    autograder = build_otter(Course(ROOT), week, tmp_path / "otter.zip")
    seconds = {"export": time.monotonic() - start}
    start = time.monotonic()
    ours = nnlab_scores(week, tmp_path)
    seconds["nnlab grade"] = time.monotonic() - start
    start = time.monotonic()
    differ = []
    for student, cases in sorted(ours.items()):
        notebook = SAMPLES / week / student / f"{week}.ipynb"
        theirs = otter_scores(autograder, notebook, student, tmp_path / "otter" / student)
        theirs = theirs if theirs is not None else dict.fromkeys(cases, 0.0)
        differ += [f"{student} {case}: nnlab {score:g}, otter {theirs.get(case)}"
                   for case, score in cases.items() if theirs.get(case) != score]
        differ += [f"{student} {case}: otter only" for case in set(theirs) - set(cases)]
    seconds["otter run"] = time.monotonic() - start
    return differ, seconds


@pytest.mark.slow
def test_otter_run_scores_the_sample_class_case_by_case_as_nnlab_grade(tmp_path: Path) -> None:
    differ, _ = disagreements("04_cnn", tmp_path)
    assert not differ


if __name__ == "__main__":  # every week: python -m tests.test_otter [weeks]
    import tempfile

    for week in sys.argv[1:] or Course(ROOT).weeks():
        with tempfile.TemporaryDirectory() as tmp:
            differ, seconds = disagreements(week, Path(tmp))
        print(week, {k: round(v, 1) for k, v in seconds.items()}, f"{len(differ)} disagreements", *differ[:20],
              sep="\n  ")
