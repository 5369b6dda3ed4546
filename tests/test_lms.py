"""The TA's week: LMS downloads and the roster, which notebook is graded, the gradebook as the truth,
and the exports an LMS imports.

One small class (Zoë Müller, Ben Kim, Carla Ortiz) hands in week 02_mlp_forward, whose per-student item
``answer_my_param_count`` depends on the student's login. Zoë and Ben are honest: their login is in
STUDENT_ID and they typed in their own network's count; Carla handed in the untouched stub. The same
class comes as a Canvas download and as a Moodle download.
"""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from nnlab import exports
from nnlab.course import Course
from nnlab.exports import CANVAS_COLUMNS, MOODLE_COLUMNS
from nnlab.gradebook import Gradebook, SubmissionResult
from nnlab.judge_variants import is_variant
from nnlab.layouts import discover
from nnlab.roster import Roster
from tests.conftest import ROOT, honest, run_nnlab

WEEK = "02_mlp_forward"
VARIANT = "answer_my_param_count/value"
COURSE = Course(ROOT)
SOLUTION = COURSE.solution_notebook(WEEK)
STUB = COURSE.student_notebook(WEEK)
ROSTER = """login,name,email,lms_id,sis_user_id,sis_login_id,section
zmuller,"Müller, Zoë",zoe.mueller@uni.example,11001,S1001,zmuller,Lab A
bkim,Ben Kim,ben.kim@uni.example,11002,S1002,bkim,Lab A
cortiz,Carla Ortiz,carla.ortiz@uni.example,11003,S1003,cortiz,Lab B
"""
COLUMN = "Week 2: MLP forward (123456)"


def copy(source: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(source, dest))


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The class as Canvas and Moodle hand it out, two late Canvas resubmissions, and the roster."""
    root = tmp_path_factory.mktemp("ta-week")
    canvas = root / "canvas"
    honest("zmuller", canvas / f"mullerzoe_11001_700001_{WEEK}.ipynb")
    honest("bkim", canvas / f"kimben_11002_99999_{WEEK}.ipynb")
    copy(STUB, canvas / f"kimben_11002_100000_{WEEK}-Copy1.ipynb")  # newer and first by name, not named for the week
    copy(STUB, canvas / f"ortizcarla_LATE_11003_700004_{WEEK}.ipynb")
    late = root / "late"
    honest("zmuller", late / f"mullerzoe_LATE_11001_700010_{WEEK}.ipynb", extra="# checked again\n")
    honest("cortiz", late / f"ortizcarla_LATE_11003_700011_{WEEK}-1.ipynb")  # Canvas numbers a re-upload
    moodle = root / "moodle"
    honest("zmuller", moodle / "Müller, Zoë_901_assignsubmission_file_" / f"{WEEK}.ipynb")
    honest("bkim", moodle / "Ben Kim_902_assignsubmission_file_" / f"{WEEK}.ipynb")
    copy(STUB, moodle / "Carla Ortiz_903_assignsubmission_file_" / f"{WEEK}.ipynb")
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    return root


def grade(root: Path, db: str, *args: str) -> tuple[dict[str, dict], str]:
    """``nnlab grade`` as a TA runs it: the JSON rows by student, and what it said on stderr."""
    p = run_nnlab("grade", WEEK, *args, "--json", "--gradebook", str(root / db), cwd=root)
    assert p.returncode == 0, p.stderr
    return {json.loads(line)["student"]: json.loads(line) for line in p.stdout.splitlines()}, p.stderr


def cases_of(row: dict) -> dict[str, dict]:
    return {t["name"]: t for t in row["tests"]}


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


@pytest.fixture(scope="module")
def canvas_graded(downloads: Path) -> tuple[dict[str, dict], str]:
    return grade(downloads, "canvas.db", "canvas", "--roster", "roster.csv")


@pytest.fixture(scope="module")
def moodle_unmatched(downloads: Path) -> tuple[dict[str, dict], str, str, list[SubmissionResult]]:
    """The Moodle download graded without a roster: rows, stderr, Zoë's feedback file and the gradebook then."""
    rows, err = grade(downloads, "moodle.db", "moodle")
    feedback = (downloads / "feedback" / WEEK / "moodle-901.md").read_text()
    return rows, err, feedback, Gradebook(downloads / "moodle.db").view(WEEK)


@pytest.fixture(scope="module")
def moodle_matched(downloads: Path, moodle_unmatched) -> tuple[dict[str, dict], str]:
    """The same download graded again, now with the roster."""
    return grade(downloads, "moodle.db", "moodle", "--roster", "roster.csv")


@pytest.fixture(scope="module")
def late_graded(downloads: Path, canvas_graded) -> tuple[dict[str, dict], str]:
    """After the class, the two late resubmissions alone."""
    return grade(downloads, "canvas.db", "late", "--roster", "roster.csv")


def test_with_a_roster_canvas_students_are_their_logins_and_honest_ones_get_their_variant(canvas_graded):
    rows, err = canvas_graded
    assert set(rows) == {"zmuller", "bkim", "cortiz"}
    for honest_student in ("zmuller", "bkim"):
        assert cases_of(rows[honest_student])[VARIANT]["score"] == 1
        assert rows[honest_student]["score"] == rows[honest_student]["max_score"]
    assert rows["cortiz"]["score"] == 0 and "STUDENT_ID" not in cases_of(rows["cortiz"])[VARIANT]["message"]
    assert "without a roster match" not in err and "not on the roster" not in err


def test_the_notebook_named_for_the_week_wins_over_a_newer_copy(canvas_graded):
    rows, err = canvas_graded
    assert Path(rows["bkim"]["file"]).name == f"kimben_11002_99999_{WEEK}.ipynb"
    assert f"bkim: grading kimben_11002_99999_{WEEK}.ipynb (the notebook named for the week), not " \
           f"kimben_11002_100000_{WEEK}-Copy1.ipynb" in err


def test_without_a_roster_variant_items_are_not_checked_and_nobody_is_blamed(moodle_unmatched):
    rows, err, feedback, _ = moodle_unmatched
    assert set(rows) == {"moodle-901", "moodle-902", "moodle-903"}
    variants = {c.name for c in COURSE.week(WEEK).cases if is_variant(c)}
    for student in ("moodle-901", "moodle-902"):
        unchecked = [t for t in rows[student]["tests"] if t["message"].startswith("not checked yet")]
        assert {t["name"] for t in unchecked} == variants and all(t["score"] == 0 for t in unchecked)
        assert not any("STUDENT_ID" in t["message"] or "submitted by" in t["message"] for t in unchecked)
        assert rows[student]["score"] == rows[student]["max_score"] - sum(t["max_score"] for t in unchecked)
    assert "3 without a roster match (variant items not checked): moodle-901 (Müller, Zoë)" in err.splitlines()[-1]
    assert "## Not checked yet" in feedback and "What to fix" not in feedback


def test_given_the_roster_the_same_download_is_graded_under_logins_and_replaces_the_unmatched(
        downloads, moodle_matched):
    rows, err = moodle_matched
    assert set(rows) == {"zmuller", "bkim", "cortiz"}
    assert cases_of(rows["zmuller"])[VARIANT]["score"] == 1 and cases_of(rows["bkim"])[VARIANT]["score"] == 1
    book = Gradebook(downloads / "moodle.db").load(WEEK)
    assert {(r.student, r.lms, r.matched) for r in book} == {("zmuller", "moodle:901", True),
                                                            ("bkim", "moodle:902", True),
                                                            ("cortiz", "moodle:903", True)}


def test_late_resubmissions_replace_and_the_csv_holds_the_whole_class(downloads, canvas_graded, late_graded):
    before, _ = canvas_graded
    rows, err = late_graded
    assert set(rows) == {"zmuller", "cortiz"}
    assert rows["cortiz"]["score"] == rows["cortiz"]["max_score"] > before["cortiz"]["score"]
    assert Path(rows["zmuller"]["file"]).name == f"mullerzoe_LATE_11001_700010_{WEEK}.ipynb"
    table = read_csv(downloads / f"grades-{WEEK}.csv")
    header, body = table[0], {row[0]: dict(zip(table[0], row)) for row in table[1:]}
    assert header[:10] == ["student", "assignment", "score", "max_score", "percent", "error", "isolation", "file",
                           "matched", "overrides"]
    assert set(body) == {"zmuller", "bkim", "cortiz"}  # not only the two just graded
    assert body["bkim"]["file"] == f"kimben_11002_99999_{WEEK}.ipynb"
    assert body["cortiz"]["file"] == f"ortizcarla_LATE_11003_700011_{WEEK}-1.ipynb"


def test_a_regrade_says_whose_score_changed_and_why(downloads, canvas_graded, late_graded):
    before, _ = canvas_graded
    rows, err = late_graded
    assert f"regrade: 1 score(s) changed (all in {downloads / f'regrade-{WEEK}.csv'}):" in err
    table = read_csv(downloads / f"regrade-{WEEK}.csv")
    assert table[0] == ["student", "before", "after", "difference", "why"]
    assert [row[:4] for row in table[1:]] == [["cortiz", f"{before['cortiz']['score']:g}",
                                               f"{rows['cortiz']['score']:g}",
                                               f"{rows['cortiz']['score'] - before['cortiz']['score']:+g}"]]
    why = table[1][4].split("; ")
    assert why[0] == f"graded file now ortizcarla_LATE_11003_700011_{WEEK}-1.ipynb"
    moved = [c for c, t in cases_of(rows["cortiz"]).items() if t["score"] != cases_of(before["cortiz"])[c]["score"]]
    assert moved and why[1:] == [f"{c}: {cases_of(before['cortiz'])[c]['score']:g} -> "
                                 f"{cases_of(rows['cortiz'])[c]['score']:g}" for c in moved]


def test_a_later_path_on_the_command_line_replaces_an_earlier_one(downloads):
    found = discover([downloads / "canvas", downloads / "late"], COURSE.week(WEEK),
                     Roster.read(downloads / "roster.csv"))
    paths = {s.student: s.path.parent.name for s in found.submissions}
    assert paths == {"zmuller": "late", "bkim": "canvas", "cortiz": "late"}
    assert any(note.startswith("cortiz: ") and "replaces" in note for note in found.notes)


def test_the_canvas_export_has_canvas_columns_and_the_rosters_ids(downloads, late_graded):
    p = run_nnlab("export", WEEK, "canvas", "--canvas-assignment", COLUMN, "--roster", "roster.csv",
                  "--gradebook", str(downloads / "canvas.db"), "--out", "canvas.csv", cwd=downloads)
    assert p.returncode == 0, p.stderr
    table = read_csv(downloads / "canvas.csv")
    assert tuple(table[0]) == (*CANVAS_COLUMNS, COLUMN)
    by_id = {row[1]: row for row in table[1:]}
    max_score = str(int(COURSE.week(WEEK).max_score))
    assert by_id["11001"] == ["Müller, Zoë", "11001", "S1001", "zmuller", "Lab A", max_score]
    assert by_id["11003"][2:] == ["S1003", "cortiz", "Lab B", max_score]  # the late resubmission's score
    assert set(by_id) == {"11001", "11002", "11003"}


def test_a_canvas_column_without_its_assignment_id_is_refused(downloads, late_graded):
    p = run_nnlab("export", WEEK, "canvas", "--canvas-assignment", "Week 2", "--gradebook",
                  str(downloads / "canvas.db"), "--out", "refused.csv", cwd=downloads)
    assert p.returncode == 2 and "would create a new assignment" in p.stderr
    assert not (downloads / "refused.csv").exists()


def test_the_moodle_export_is_the_grading_worksheet_with_participant_ids(downloads, moodle_matched):
    p = run_nnlab("export", WEEK, "moodle", "--roster", "roster.csv", "--gradebook", str(downloads / "moodle.db"),
                  "--out", "moodle.csv", cwd=downloads)
    assert p.returncode == 0, p.stderr
    table = read_csv(downloads / "moodle.csv")
    assert tuple(table[0]) == MOODLE_COLUMNS
    assert {"Identifier", "Grade", "Last modified (grade)"} <= set(table[0])  # what Moodle's import requires
    rows = {row[0]: dict(zip(table[0], row)) for row in table[1:]}
    assert set(rows) == {"Participant 901", "Participant 902", "Participant 903"}
    zoe = rows["Participant 901"]
    assert (zoe["Full name"], zoe["Email address"], zoe["Grade"]) == ("Müller, Zoë", "zoe.mueller@uni.example",
                                                                      str(int(COURSE.week(WEEK).max_score)))
    assert rows["Participant 903"]["Grade"] == "0"


def test_a_student_who_dropped_is_removed_from_every_export(downloads, late_graded):
    shutil.copy(downloads / "canvas.db", downloads / "dropped.db")
    removed = run_nnlab("gradebook", "remove", "cortiz", "--gradebook", str(downloads / "dropped.db"), cwd=downloads)
    assert removed.returncode == 0 and f"removed cortiz from {WEEK}" in removed.stdout
    for lms, extra in (("scores", ()), ("canvas", ("--canvas-assignment", COLUMN))):
        p = run_nnlab("export", WEEK, lms, *extra, "--gradebook", str(downloads / "dropped.db"), "--out",
                      f"dropped-{lms}.csv", cwd=downloads)
        assert p.returncode == 0, p.stderr
        names = {row[0] for row in read_csv(downloads / f"dropped-{lms}.csv")[1:]}
        assert names == ({"zmuller", "bkim"} if lms == "scores" else {"Müller, Zoë", "Ben Kim"})


def test_a_ta_override_shows_in_the_exports_with_its_reason_and_is_kept_as_a_trail(downloads, late_graded):
    shutil.copy(downloads / "canvas.db", downloads / "override.db")
    book = ("--gradebook", str(downloads / "override.db"))
    done = run_nnlab("gradebook", "override", WEEK, "bkim", "--case", VARIANT, "--score", "0", "--reason",
                     "copied from zmuller", "--by", "ta-anna", *book, cwd=downloads)
    assert done.returncode == 0, done.stderr
    assert run_nnlab("export", WEEK, "scores", *book, "--out", "override.csv", cwd=downloads).returncode == 0
    table = read_csv(downloads / "override.csv")
    bkim = next(dict(zip(table[0], row)) for row in table[1:] if row[0] == "bkim")
    max_score = COURSE.week(WEEK).max_score
    assert (float(bkim["score"]), bkim[VARIANT]) == (max_score - 1, "0") and "copied from zmuller" in bkim["overrides"]
    assert Gradebook(downloads / "override.db").load(WEEK)[0].score == max_score  # the computed score stays
    trail = run_nnlab("gradebook", "overrides", WEEK, *book, cwd=downloads).stdout
    assert "ta-anna  bkim" in trail and "copied from zmuller" in trail


def test_exports_leave_out_students_not_matched_yet_and_say_why(moodle_unmatched, tmp_path):
    results = moodle_unmatched[3]
    for done in (exports.moodle(results, tmp_path / "moodle.csv"),
                 exports.canvas(results, COLUMN, tmp_path / "canvas.csv")):
        assert done.rows == 0 and len(done.left_out) == 3
        assert all("not matched to the roster yet (variant items not checked)" in line for line in done.left_out)
    assert len(read_csv(tmp_path / "moodle.csv")) == 1  # the header only


def test_another_weeks_notebook_is_reported_as_such(tmp_path):
    copy(ROOT / "solutions" / "01_perceptron" / "01_perceptron.ipynb", tmp_path / "ada" / "01_perceptron.ipynb")
    copy(ROOT / "solutions" / "03_backprop" / "03_backprop.ipynb", tmp_path / "cy" / f"{WEEK}.ipynb")  # misnamed
    copy(STUB, tmp_path / "eve" / f"{WEEK}.ipynb")
    found = {s.student: s.problem for s in discover([tmp_path], COURSE.week(WEEK)).submissions}
    assert found == {"ada": f"this is the notebook of week 01_perceptron, not {WEEK}",
                     "cy": f"this is the notebook of week 03_backprop, not {WEEK}", "eve": None}
    rows, _ = grade(tmp_path, "gb.db", str(tmp_path / "ada"))
    assert rows["ada"]["score"] == 0 and rows["ada"]["error"] == found["ada"]
    assert len(rows["ada"]["tests"]) == len(COURSE.week(WEEK).cases)


def test_one_students_folder_is_that_student_not_the_week(tmp_path):
    copy(STUB, tmp_path / "class02" / "ben" / f"{WEEK}.ipynb")
    copy(STUB, tmp_path / "class02" / "ben" / f"{WEEK}-Copy1.ipynb")
    found = discover([tmp_path / "class02" / "ben"], COURSE.week(WEEK))
    assert [(s.student, s.path.name) for s in found.submissions] == [("ben", f"{WEEK}.ipynb")]
    found = discover([tmp_path / "class02" / "ben" / f"{WEEK}.ipynb"], COURSE.week(WEEK))
    assert [s.student for s in found.submissions] == ["ben"]


def test_nbgrader_submitted_folders_take_the_weeks_notebook(tmp_path):
    submitted = tmp_path / "submitted"
    copy(SOLUTION, submitted / "ben" / WEEK / f"{WEEK}.ipynb")
    (submitted / "ben" / WEEK / "timestamp.txt").write_text("2026-03-02 10:00:00.000000 UTC")
    copy(ROOT / "solutions" / "01_perceptron" / "01_perceptron.ipynb",
         submitted / "ben" / "01_perceptron" / "01_perceptron.ipynb")
    copy(STUB, submitted / "ann" / WEEK / f"{WEEK}.ipynb")
    found = discover([submitted], COURSE.week(WEEK))
    assert {s.student: s.path.relative_to(submitted).as_posix() for s in found.submissions} == {
        "ben": f"ben/{WEEK}/{WEEK}.ipynb", "ann": f"ann/{WEEK}/{WEEK}.ipynb"}
    assert all(s.matched and s.problem is None for s in found.submissions)


GRADESCOPE_METADATA = """\
submission_1001:
  :submitters:
  - :name: Ben Kim
    :sid: S1002
    :email: ben.kim@uni.example
  :created_at: 2026-03-01 12:00:00.000000000 -08:00
  :score: 0.0
submission_1002:
  :submitters:
  - :name: Ben Kim
    :sid: S1002
    :email: ben.kim@uni.example
  :created_at: 2026-03-02 09:30:00.123456000 -08:00
  :score: 0.0
submission_1003:
  :submitters:
  - :name: Ann Lee
    :sid: S2001
    :email: ann.lee@uni.example
  :created_at: 2026-03-01 08:00:00.000000000 -08:00
"""


def test_a_gradescope_export_names_submitters_by_email_and_the_newest_submission_wins(tmp_path):
    export = tmp_path / "assignment_55_export"
    copy(STUB, export / "submission_1001" / "notebook.ipynb")
    copy(SOLUTION, export / "submission_1002" / "notebook.ipynb")
    copy(SOLUTION, export / "submission_1003" / f"{WEEK}.ipynb")
    (export / "submission_metadata.yml").write_text(GRADESCOPE_METADATA)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    without = {s.student: s.path.parent.name for s in discover([export], COURSE.week(WEEK)).submissions}
    assert without == {"ben.kim": "submission_1002", "ann.lee": "submission_1003"}
    found = discover([export], COURSE.week(WEEK), Roster.read(roster))
    assert {s.student: s.path.parent.name for s in found.submissions} == {"bkim": "submission_1002",
                                                                          "ann.lee": "submission_1003"}
    assert found.not_on_roster == ["ann.lee"] and not found.unmatched


def test_a_gradescope_group_submission_is_every_members_with_its_submission_time(tmp_path):
    export = tmp_path / "assignment_56_export"
    copy(SOLUTION, export / "submission_2001" / f"{WEEK}.ipynb")
    (export / "submission_metadata.yml").write_text(
        "submission_2001:\n  :submitters:\n  - :name: Ben Kim\n    :sid: S1002\n    :email: ben.kim@uni.example\n"
        "  - :name: Ann Lee\n    :sid: S2001\n    :email: ann.lee@uni.example\n"
        "  :created_at: 2026-03-02 09:30:00.123456000 -08:00\n")
    found = discover([export], COURSE.week(WEEK)).submissions
    assert {s.student: s.path.parent.name for s in found} == {"ben.kim": "submission_2001",
                                                              "ann.lee": "submission_2001"}
    assert {s.submitted_at for s in found} == {"2026-03-02T09:30:00-08:00"}


def test_a_roster_is_read_from_a_canvas_grade_export_with_a_login_column(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Login,Week 1 (1)\n"
                    "    Points Possible,,,,,,10\n"
                    '"Müller, Zoë",11001,S1001,zmuller,Lab A,zmuller,9\n', encoding="utf-8")
    roster = Roster.read(path)
    assert [p.login for p in roster.people] == ["zmuller"]
    assert roster.find("lms_id", "11001").sis_user_id == "S1001"
    assert roster.find("name", "mullerzoe").login == roster.find("name", "zoe MÜLLER").login == "zmuller"


def test_nbgrader_autograde_judges_variants_for_the_student_folder_it_grades(tmp_path, monkeypatch):
    from nnlab.check import student_of

    kernel_folder = tmp_path / "autograded" / "bkim" / WEEK
    kernel_folder.mkdir(parents=True)
    monkeypatch.chdir(kernel_folder)
    monkeypatch.setenv("JUPYTERHUB_USER", "instructor")  # who runs nbgrader, not whose notebook it is
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert student_of({"STUDENT_ID": "zmuller"}) == "bkim"
    monkeypatch.delenv("NBGRADER_EXECUTION")
    assert student_of({"STUDENT_ID": "zmuller"}) == "instructor"


def test_in_nbgraders_kernel_personal_items_say_to_grade_with_nnlab(tmp_path, monkeypatch):
    from nnlab.check import Checker

    kernel_folder = tmp_path / "autograded" / "bkim" / WEEK
    kernel_folder.mkdir(parents=True)
    monkeypatch.chdir(kernel_folder)
    monkeypatch.setenv("NNLAB_COURSE", str(ROOT))
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    checker = Checker(WEEK, {"STUDENT_ID": ""}, COURSE.public_cases(WEEK).parent)
    result = checker.check("answer_my_param_count", hidden=True)
    assert not result.passed and "use_nnlab(c)" in repr(result)


def test_a_late_policy_takes_the_lms_submission_time_and_extensions_and_is_off_by_default(tmp_path):
    submitted = tmp_path / "submitted"
    times = {"zmuller": "2026-03-01 22:00:00.5 UTC", "bkim": "2026-03-03 08:00:00 UTC",
             "cortiz": "2026-03-04 12:00:00 UTC", "dlee": "2026-03-11 09:00:00 UTC"}
    for login, at in times.items():
        honest(login, submitted / login / WEEK / f"{WEEK}.ipynb")
        (submitted / login / WEEK / "timestamp.txt").write_text(at)
    rows, _ = grade(tmp_path, "late.db", "submitted")
    full = {s: r["score"] for s, r in rows.items()}
    assert set(full.values()) == {rows["bkim"]["max_score"]}
    book = Gradebook(tmp_path / "late.db")
    assert {r.student: r.score for r in book.view(WEEK)} == full  # no policy: the LMS's own applies

    def nnlab(*args: str) -> str:
        p = run_nnlab("gradebook", *args, "--gradebook", str(tmp_path / "late.db"), cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        return p.stdout

    nnlab("deadline", WEEK, "--due", "2026-03-01T23:59+00:00", "--per-day", "10", "--cap", "25")
    said = nnlab("extend", WEEK, "cortiz", "--until", "2026-03-05T00:00+00:00", "--reason", "ill, note from the office")
    assert "cortiz: deadline extended to 2026-03-05T00:00:00+00:00" in said
    seen = {r.student: r for r in book.view(WEEK)}
    top = full["bkim"]
    assert {s: r.score for s, r in seen.items()} == {"zmuller": top, "bkim": round(top * 0.8, 6),
                                                      "cortiz": top, "dlee": round(top * 0.75, 6)}
    assert seen["bkim"].overrides == ["late by 2 day(s): 20% off (due 2026-03-01T23:59:00+00:00, 10% off per "
                                      "started day late, at most 25%)"]
    listing = nnlab("deadline", WEEK)
    assert "cortiz: extended to 2026-03-05T00:00:00+00:00 (ill, note from the office)" in listing
    p = run_nnlab("export", WEEK, "scores", "--gradebook", str(tmp_path / "late.db"), cwd=tmp_path)
    exported = {row[0]: row for row in read_csv(tmp_path / f"scores-{WEEK}.csv")[1:]}
    assert p.returncode == 0 and float(exported["dlee"][2]) == round(top * 0.75, 6)
    nnlab("override", WEEK, "dlee", "--score", "40", "--reason", "agreed in office hours")
    assert {r.student: r.score for r in book.view(WEEK)}["dlee"] == 40  # a total set by hand is final
    nnlab("deadline", WEEK, "--clear")
    assert {r.student: r.score for r in book.view(WEEK)}["bkim"] == top


def test_with_a_late_policy_downloads_without_submission_times_are_named(downloads, tmp_path):
    book = Gradebook(tmp_path / "canvas-late.db")
    from nnlab.late import LatePolicy

    book.set_deadline(WEEK, LatePolicy("2026-03-01T23:59:00+00:00", 10, 50))
    p = run_nnlab("grade", WEEK, str(downloads / "canvas"), "--roster", str(downloads / "roster.csv"),
                  "--gradebook", str(tmp_path / "canvas-late.db"), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "3 without the LMS's submission time (Canvas and Moodle downloads carry none): no late penalty" in p.stderr
