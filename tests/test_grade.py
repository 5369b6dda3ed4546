"""The grading command end to end: discovery, the JSON contract, the gradebook, hostile classmates."""
from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from nnlab.layouts import discover
from nnlab.release.corpus import with_cell
from tests.conftest import ROOT, run_nnlab as nnlab

WEEK = "01_perceptron"
SOLUTION = ROOT / "solutions" / WEEK / f"{WEEK}.ipynb"
HOSTILE = {
    "loops": "def step(z):\n    while True:\n        pass",
    "exits": "import os\nos._exit(0)",
    "hogs": "import numpy as np\nhog = np.ones((40000, 40000))",
    "garbage": "import sys\nprint('\\x00' * 100000)\nsys.stdout.write('{\"student\": \"forged\"}\\n')",
    "tamper": "import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n"
              "class Liar(list):\n    def __eq__(self, other):\n        return True\n"
              "def perceptron_predict(w_ext, X):\n    return Liar([7])",
}


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("submitted")
    for student, cell in HOSTILE.items():
        with_cell(SOLUTION, cell, folder / student / f"{WEEK}.ipynb")
    (folder / "broken").mkdir()
    (folder / "broken" / f"{WEEK}.ipynb").write_text('{"cells": [')
    with_cell(SOLUTION, "", folder / "ada.ipynb")
    return folder


@pytest.fixture(scope="module")
def graded(class_folder: Path) -> tuple[dict[str, dict], subprocess.CompletedProcess]:
    p = nnlab("grade", WEEK, str(class_folder), "--json", "--gradebook", str(class_folder / "gb.db"),
              cwd=class_folder)
    return {json.loads(line)["student"]: json.loads(line) for line in p.stdout.splitlines()}, p


def test_every_student_gets_a_row_and_the_command_succeeds(graded):
    rows, p = graded
    assert p.returncode == 0, p.stderr
    assert set(rows) == set(HOSTILE) | {"broken", "ada"}


def test_grading_says_where_the_gradebook_is_and_ends_with_one_summary(class_folder, graded):
    rows, p = graded
    below = sum(row["isolation"] != "bwrap" for row in rows.values())
    assert f"gradebook: {class_folder / 'gb.db'}" in p.stderr
    assert p.stderr.strip().splitlines()[-1] == (f"summary: {len(rows)} graded, 0 reused from the gradebook, "
                                                 f"1 failed to run, {below} graded below full isolation (bwrap)")


def test_a_correct_notebook_keeps_full_marks_beside_hostile_ones(graded):
    ada = graded[0]["ada"]
    assert ada["score"] == ada["max_score"] > 0 and ada["error"] is None


def test_hostile_submissions_lose_only_what_they_broke(graded):
    rows = graded[0]
    by = {s: {t["name"]: t for t in rows[s]["tests"]} for s in rows}
    assert "timed out" in by["loops"]["step/mixed"]["message"]
    assert by["loops"]["answer_my_not_true/value"]["score"] == 1.0
    assert rows["exits"]["score"] == rows["exits"]["max_score"]  # an exit in its own cell only loses that cell
    assert rows["hogs"]["score"] == rows["hogs"]["max_score"]
    assert rows["garbage"]["score"] == rows["garbage"]["max_score"]
    assert by["tamper"]["perceptron_predict/lecture-example"]["score"] == 0
    assert "expected shape (4,), got shape (1,)" in by["tamper"]["perceptron_predict/lecture-example"]["message"]


def test_a_broken_notebook_gets_an_error_and_zero_everywhere(graded):
    broken = graded[0]["broken"]
    assert broken["score"] == 0 and "not valid notebook JSON" in broken["error"]
    assert broken["tests"] and all(t["score"] == 0 for t in broken["tests"])


def test_json_follows_the_contract(graded):
    for row in graded[0].values():
        assert set(row) == {"student", "assignment", "score", "max_score", "tests", "error", "isolation", "file"}
        assert row["assignment"] == WEEK and row["isolation"] in ("bwrap", "unshare", "landlock")
        assert row["file"].endswith(".ipynb")
        assert abs(sum(t["score"] for t in row["tests"]) - row["score"]) < 1e-9
        for t in row["tests"]:
            assert set(t) == {"name", "target", "score", "max_score", "message", "detail"}  # detail: TA-only


def test_gradebook_csv_and_feedback_are_written(class_folder, graded):
    db = sqlite3.connect(class_folder / "gb.db")
    n_tests = len(graded[0]["ada"]["tests"])
    assert db.execute("SELECT COUNT(*) FROM results WHERE student='ada'").fetchone()[0] == n_tests
    csv_lines = (class_folder / f"grades-{WEEK}.csv").read_text().splitlines()
    assert csv_lines[0].startswith("student,assignment,score,max_score") and len(csv_lines) == 1 + len(graded[0])
    feedback = (class_folder / "feedback" / WEEK / "loops.md").read_text()
    assert "timed out" in feedback and "Score:" in feedback


def test_grading_again_reuses_the_gradebook_and_gives_the_same_result(class_folder, graded):
    p = nnlab("grade", WEEK, str(class_folder), "--json", "--gradebook", str(class_folder / "gb.db"),
              cwd=class_folder)
    again = {json.loads(line)["student"]: json.loads(line) for line in p.stdout.splitlines()}
    assert again == graded[0]
    assert f"summary: 0 graded, {len(again)} reused from the gradebook, 1 failed to run" in p.stderr


def test_discovery_follows_the_contract(tmp_path):
    for rel in ("ada/week.ipynb", "bob/deep/er/x.ipynb", "cy.ipynb", "dee/.ipynb_checkpoints/x-checkpoint.ipynb"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}")
    found = {s.student: s.path.relative_to(tmp_path).as_posix() for s in discover([tmp_path]).submissions}
    assert found == {"ada": "ada/week.ipynb", "bob": "bob/deep/er/x.ipynb", "cy": "cy.ipynb"}


def test_unknown_assignment_is_a_clear_error(tmp_path):
    p = nnlab("grade", "99_nothing", str(tmp_path), cwd=tmp_path)
    assert p.returncode == 2 and "unknown assignment '99_nothing'" in p.stderr


def test_students_check_from_the_shell(tmp_path):
    ok = nnlab("check", WEEK, str(SOLUTION), cwd=tmp_path)
    assert ok.returncode == 0 and "public checks passed" in ok.stdout and "FAIL" not in ok.stdout
    stub = nnlab("check", WEEK, str(ROOT / "assignments" / WEEK / f"{WEEK}.ipynb"), cwd=tmp_path)
    assert stub.returncode == 1 and "FAIL step/mixed" in stub.stdout and "not implemented yet" in stub.stdout


def test_grading_without_a_sandbox_is_refused_unless_the_ta_says_so(tmp_path):
    refused = nnlab("grade", WEEK, str(SOLUTION), "--gradebook", str(tmp_path / "gb.db"), cwd=tmp_path,
                    NNLAB_ISOLATION="plain")
    assert refused.returncode == 2 and "refusing to grade" in refused.stderr and "--unsandboxed" in refused.stderr
    assert not (tmp_path / "gb.db").exists()
    allowed = nnlab("grade", WEEK, str(SOLUTION), "--gradebook", str(tmp_path / "gb.db"), "--json", "--unsandboxed",
                    cwd=tmp_path, NNLAB_ISOLATION="plain")
    row = json.loads(allowed.stdout)
    assert allowed.returncode == 0 and row["isolation"] == "plain" and row["score"] == row["max_score"]
    assert "NO isolation" in allowed.stderr
    assert "plain" in (tmp_path / f"grades-{WEEK}.csv").read_text().splitlines()[1].split(",")


def test_a_students_check_says_nothing_about_isolation(tmp_path):
    for level in ("plain", ""):
        p = nnlab("check", WEEK, str(SOLUTION), cwd=tmp_path, NNLAB_ISOLATION=level)
        assert p.returncode == 0
        assert not any(word in (p.stdout + p.stderr).lower() for word in ("isolation", "sandbox", "bubblewrap"))


def test_report_writes_the_class_page_and_plot(class_folder, graded):
    p = nnlab("report", WEEK, "--gradebook", str(class_folder / "gb.db"), cwd=class_folder)
    png, page = class_folder / f"report-{WEEK}.png", class_folder / f"report-{WEEK}.html"
    assert p.returncode == 0 and png.read_bytes()[:4] == b"\x89PNG"
    assert "broken" in page.read_text().split('id="trouble"')[1]  # its notebook could not run


@pytest.mark.slow
def test_a_run_killed_with_sigkill_loses_nothing_and_resumes(tmp_path):
    """A TA's ``kill -9`` mid-class: what was saved stays, the next run grades only the rest, and the
    gradebook ends as one uninterrupted run leaves it."""
    import os
    import signal
    import sys
    import time

    folder = tmp_path / "class"
    for i in range(10):
        with_cell(SOLUTION, f"# student {i}\n" + ("" if i % 3 else "def step(z):\n    return z"),
                  folder / f"s{i}" / f"{WEEK}.ipynb")
    db = tmp_path / "gb.db"
    env = {**os.environ, "NNLAB_COURSE": str(ROOT)}
    run = subprocess.Popen([sys.executable, "-m", "nnlab", "grade", WEEK, str(folder), "--jobs", "1",
                            "--gradebook", str(db)], env=env, cwd=tmp_path,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def saved() -> int:
        try:
            with sqlite3.connect(db) as con:
                return con.execute("SELECT count(*) FROM submissions").fetchone()[0]
        except sqlite3.Error:
            return 0

    deadline = time.monotonic() + 300
    while saved() < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait()
    before = saved()
    assert 3 <= before < 10, f"killed after {before} of 10: the test needs a run cut in the middle"
    p = nnlab("grade", WEEK, str(folder), "--json", "--gradebook", str(db), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert f"summary: {10 - before} graded, {before} reused from the gradebook" in p.stderr
    rows = {json.loads(line)["student"]: json.loads(line) for line in p.stdout.splitlines()}
    straight = nnlab("grade", WEEK, str(folder), "--json", "--gradebook", str(tmp_path / "straight.db"), cwd=tmp_path)
    expected = {json.loads(line)["student"]: json.loads(line)["score"] for line in straight.stdout.splitlines()}
    assert {s: r["score"] for s, r in rows.items()} == expected and len(expected) == 10


def test_a_child_that_cannot_start_fails_the_submission_with_a_reason_for_every_case(tmp_path):
    """No time for the interpreter to start: one error for the submission, every case at 0 with it."""
    from nnlab.course import Course
    from nnlab.grade import Submission, grade_one
    from nnlab.sandbox.launch import Limits

    week = Course(ROOT).week(WEEK)
    result = grade_one(week, Submission("ada", with_cell(SOLUTION, "", tmp_path / "nb.ipynb")),
                       Limits(startup_seconds=0.001))
    assert result.error and result.error.startswith("could not start") and result.score == 0
    assert len(result.tests) == len(week.cases)
    assert all(t.score == 0 and t.message == f"not graded: {result.error}" for t in result.tests)


def test_a_submission_whose_interpreter_cannot_start_gets_a_row_with_the_reason_and_every_case_at_zero(tmp_path):
    from nnlab.course import Course
    from nnlab.grade import Submission, grade_one
    from nnlab.sandbox.launch import Limits

    week = Course(ROOT).week(WEEK)
    result = grade_one(week, Submission("ada", SOLUTION), Limits(startup_seconds=0.001))
    assert result.score == 0 and result.error.startswith("could not start: timed out: starting Python")
    assert [t.name for t in result.tests] == [c.name for c in week.cases]
    assert all(t.score == 0 and t.message == f"not graded: {result.error}" for t in result.tests)
    assert result.to_json()["error"] == result.error
