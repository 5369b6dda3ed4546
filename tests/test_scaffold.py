"""A new week from ``nnlab new`` to a graded class with the documented steps only, and
``release --verify`` refusing a corpus that says what is not so."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nnlab.cli import main
from nnlab.course import Course

pytestmark = pytest.mark.slow
WEEK = "05_demo"


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty course folder, the one every command works on."""
    for folder in ("source", "autograder"):
        (tmp_path / folder).mkdir()
    monkeypatch.setenv("NNLAB_COURSE", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_new_week_releases_verifies_and_grades_as_it_is(course: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["new", WEEK]) == 0
    assert main(["release", WEEK, "--verify"]) == 0, capsys.readouterr().err
    assert main(["release", WEEK, "--check", "--verify"]) == 0
    assert f"{WEEK}: up to date" in capsys.readouterr().out
    cls = course / "class"
    solution = (course / "solutions" / WEEK / f"{WEEK}.ipynb").read_text()
    copied = solution.replace('STUDENT_ID = \\"\\"', 'STUDENT_ID = \\"ada\\"', 1)  # ada's, handed in by cy
    assert copied != solution
    notebooks = {"ada": solution, "cy": copied, "bo": (course / "assignments" / WEEK / f"{WEEK}.ipynb").read_text()}
    for student, text in notebooks.items():
        (cls / student).mkdir(parents=True)
        (cls / student / f"{WEEK}.ipynb").write_text(text)
    assert main(["grade", WEEK, str(cls), "--json", "--gradebook", str(course / "gb.db")]) == 0
    rows = {r["student"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["ada"]["score"] == rows["ada"]["max_score"] == 5 and rows["bo"]["score"] == 0
    lost = {t["name"] for t in rows["cy"]["tests"] if t["score"] < t["max_score"]}
    assert lost == {"answer_my_leaky/value"}  # the per-student item is judged for who handed it in


def test_new_refuses_a_taken_or_malformed_id(course: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["new", WEEK]) == 0
    assert main(["new", WEEK]) == 2 and "exists already" in capsys.readouterr().err
    assert main(["new", "optimizers"]) == 2 and "is not a week id" in capsys.readouterr().err


def test_verify_refuses_a_corpus_file_that_is_not_what_it_says(course: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["new", WEEK]) == 0
    lie = Course(course).corpus(WEEK) / "wrong" / "actually_right.py"
    lie.write_text("# fails: leaky_relu/matrix\ndef leaky_relu(z, alpha=0.01):\n"
                   "    z = np.asarray(z, dtype=float)\n    return np.where(z > 0, z, alpha * z)\n")
    assert main(["release", WEEK]) == 0  # plain release does not grade the corpus
    assert main(["release", WEEK, "--verify"]) == 1
    err = capsys.readouterr().err
    assert f"tests/corpus/{WEEK}/wrong/actually_right.py: the mistake passes leaky_relu/matrix" in err
