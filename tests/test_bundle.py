"""The Gradescope bundle: the layout Gradescope wants, and its run_autograder grades as `nnlab grade` does."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nnlab.course import Course
from nnlab.grade import Submission, grade_one
from nnlab.release import build_bundle
from nnlab.release.corpus import with_cell
from tests.conftest import ROOT, honest

WEEK = "02_mlp_forward"


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every week's bundle, built as `nnlab bundle` builds it."""
    out = tmp_path_factory.mktemp("build")
    return {week: build_bundle(Course(ROOT), week, out / week / "gradescope.zip") for week in Course(ROOT).weeks()}


def unpack(tmp_path: Path, bundles: dict[str, Path], week: str = WEEK) -> Path:
    """Lay out a Gradescope container's /autograder under ``tmp_path``."""
    with zipfile.ZipFile(bundles[week]) as zf:
        zf.extractall(tmp_path / "source")
        for info in zf.infolist():  # extractall drops the permission bits
            os.chmod(tmp_path / "source" / info.filename, info.external_attr >> 16 & 0o777)
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission_metadata.json").write_text(json.dumps({"users": [{"email": "ada@uni.example"}]}))
    return tmp_path


def run_autograder(root: Path) -> dict:
    env = {"PATH": os.environ["PATH"], "AUTOGRADER_ROOT": str(root), "NNLAB_PYTHON": sys.executable}
    subprocess.run([str(root / "source" / "run_autograder")], env=env, check=True, timeout=600)
    return json.loads((root / "results" / "results.json").read_text())


@pytest.mark.parametrize("week", Course(ROOT).weeks())
def test_the_bundle_has_what_gradescope_needs_and_no_notebook(week: str, bundles: dict[str, Path]) -> None:
    with zipfile.ZipFile(bundles[week]) as zf:
        modes = {i.filename: i.external_attr >> 16 for i in zf.infolist()}
    for script in ("setup.sh", "run_autograder"):
        assert modes[script] & stat.S_IXUSR, f"{script} must be executable"
    tables = {f"course/autograder/{week}/{p.name}" for p in Course(ROOT).case_files(week)}
    assert tables | {f"course/autograder/{week}/reference.py", "requirements.txt", "nnlab/gradescope.py"} <= set(modes)
    assert not [n for n in modes if n.endswith(".ipynb") or "__pycache__" in n]


def test_run_autograder_scores_a_submission_like_nnlab_grade(tmp_path: Path, bundles: dict[str, Path]) -> None:
    course = Course(ROOT)
    root = unpack(tmp_path, bundles)
    wrong = "import numpy as np\ndef softmax(F):\n    E = np.exp(F)\n    return E / E.sum(axis=-1, keepdims=True)\n"
    nb = with_cell(course.solution_notebook(WEEK), wrong, root / "submission" / f"{WEEK}.ipynb")
    got = run_autograder(root)
    want = grade_one(course.week(WEEK), Submission("ada", nb))
    assert got["score"] == pytest.approx(want.score) and want.score < want.max_score
    assert [t["name"] for t in got["tests"]] == [t.name for t in want.tests]
    public = {c.name for c in course.week(WEEK).cases if c.public}
    for test, ours in zip(got["tests"], want.tests):
        assert test["score"] == pytest.approx(ours.score)
        assert test["visibility"] == ("visible" if test["name"] in public else "after_published")
        assert test["output"] == ("" if ours.passed else ours.message)
    assert any(t["name"] == "softmax/large-scores" and t["status"] == "failed" for t in got["tests"])


def test_a_bundled_roster_files_the_submitter_under_their_login(tmp_path: Path) -> None:
    """Ben's Gradescope e-mail is ben.kim@..., his login (and STUDENT_ID) bkim: with the roster in the
    bundle his per-student item is judged for bkim; a submitter the roster lacks is not blamed."""
    roster = tmp_path / "roster.csv"
    roster.write_text("login,name,email\nbkim,Ben Kim,ben.kim@uni.example\n")
    bundle = build_bundle(Course(ROOT), WEEK, tmp_path / "gradescope.zip", roster)
    for email, score in (("ben.kim@uni.example", 1), ("", 0)):
        root = unpack(tmp_path / (email or "nobody"), {WEEK: bundle})
        (root / "submission_metadata.json").write_text(json.dumps({"users": [{"email": email, "sid": "S9"}]}))
        honest("bkim", root / "submission" / f"{WEEK}.ipynb")
        variant = {t["name"]: t for t in run_autograder(root)["tests"]}["answer_my_param_count/value"]
        assert variant["score"] == score and "STUDENT_ID" not in variant["output"]


def test_run_autograder_without_a_notebook_says_what_to_upload(tmp_path: Path, bundles: dict[str, Path]) -> None:
    root = unpack(tmp_path, bundles)
    (root / "submission" / "answers.py").write_text("print('hi')\n")
    got = run_autograder(root)
    assert got["score"] == 0 and f"upload {WEEK}.ipynb" in got["output"]


def test_a_submission_that_reads_the_bundled_course_gains_nothing(tmp_path: Path, bundles: dict[str, Path]) -> None:
    """run_autograder as Gradescope runs it (as root here too): the case table and the reference sit
    in the source folder, and a notebook that knows their exact path still cannot read or run them."""
    course = Course(ROOT)
    root = unpack(tmp_path, bundles)
    steal = (f"import glob\n"
             f"for p in glob.glob('/autograder/source/course/autograder/*/*.py') + "
             f"glob.glob({str(root)!r} + '/source/course/autograder/*/*.py'):\n"
             f"    try:\n        exec(open(p).read())\n    except Exception as e:\n        print(e)\n")
    with_cell(course.student_notebook(WEEK), steal, root / "submission" / f"{WEEK}.ipynb")
    got = run_autograder(root)
    assert got["tests"] and got["score"] == 0
    assert stat.S_IMODE((root / "source").stat().st_mode) == 0o700
