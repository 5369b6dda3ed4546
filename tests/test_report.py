"""The class report (`nnlab report`): whole-point score bins, cases worst first with who hit what,
who could not run or timed out, escaping, and the page as a real headless Chromium renders it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from nnlab.gradebook import CaseResult, Gradebook, SubmissionResult
from nnlab.report import case_stats, distribution_plot, score_bins, trouble
from nnlab.report_html import render, write_html

WEEK = "07_synthetic"
CASES = [("step/mixed", "step", 2.0), ("predict/lecture-example", "perceptron_predict", 3.0),
         ("train/converges", "train", 5.0), ("train/returns-weights", "train", 2.0),
         ("form/signature", "train", 0.0)]  # a zero-point form check: never in the report
MAX = sum(points for *_, points in CASES)
SCRIPT = "<script>alert(1)</script>"
LOST = {  # student -> {case: (symptom, score, message)}; everyone else of the 26 has full marks
    "ada": {"train/converges": ("value", 0, "train: the weights are off by 0.5")},
    "bob": {"train/converges": ("value", 0, "train: the weights are off by 0.7")},
    "cy": {"train/converges": ("value", 0, "train: the weights are off by 0.1")},
    "dee": {"train/converges": ("nan", 0, "train: returned nan in 3 of 3 entries")},
    "eve": {"predict/lecture-example": ("shape", 0, "expected shape (4,), got shape (1,)"),
            "form/signature": ("type", 0, "expected numbers")},
    SCRIPT: {"predict/lecture-example": ("exception", 0, "raised ValueError: <b>bad</b>")},
    "gus": {"train/returns-weights": ("value", 1.5, "one weight is off")},
    "loops": {"step/mixed": ("timeout", 0, "timed out after 10 s"),
              "train/converges": ("timeout", 0, "timed out after 10 s")},
}


def submission(student: str, lost: dict[str, tuple[str, float, str]], error: str | None = None) -> SubmissionResult:
    tests = []
    for name, target, points in CASES:
        symptom, score, message = ("error", 0.0, f"not graded: {error}") if error else lost.get(
            name, ("ok", points, "passed"))
        tests.append(CaseResult(name, target, float(score), points, message, symptom))
    return SubmissionResult(student, WEEK, sum(t.score for t in tests), MAX, tests, error, isolation="bwrap")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[SubmissionResult]:
    gradebook = Gradebook(tmp_path_factory.mktemp("report") / "gradebook.db")
    gradebook.save([submission(f"full{i:02}", {}) for i in range(1, 27)]
                   + [submission(student, lost) for student, lost in LOST.items()]
                   + [submission("broken", {}, error="not valid notebook JSON")])
    return gradebook.load(WEEK)


@pytest.fixture(scope="module")
def page(results: list[SubmissionResult], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(results, tmp_path_factory.mktemp("html") / f"report-{WEEK}.html")


def test_score_bins_are_whole_points_and_full_marks_have_their_own_bar():
    edges, counts = score_bins([12, 12, 11.5, 11, 7, 0, 0.5, sum([0.1] * 120)], 12)
    assert edges == list(range(14)) and counts[-1] == 3  # 11.99999999999998 is 12 added up in floats
    assert counts[11] == 2 and counts[7] == 1 and counts[0] == 2 and sum(counts) == 8


def test_score_bins_widen_by_whole_points_when_there_are_too_many():
    edges, counts = score_bins([130, 129.5, 0, 64], 130, max_bars=50)
    widths = {b - a for a, b in zip(edges, edges[1:])}
    assert all(isinstance(e, int) for e in edges) and widths <= {1, 3} and edges[-2:] == [130, 133]
    assert counts[-1] == 1 and counts[-2] == 1 and sum(counts) == 4  # full marks alone, 129.5 just below


def test_case_stats_count_the_notebooks_that_ran_worst_first_without_form_checks(results):
    stats = case_stats(results)
    assert [s.name for s in stats] == ["train/converges", "predict/lecture-example", "step/mixed",
                                       "train/returns-weights"]  # ties stay in table order
    worst = stats[0]
    assert (worst.passed, worst.ran, worst.stuck) == (29, 34, 1)  # "broken" did not run: not counted
    symptom, hits = worst.symptoms()[0]
    assert symptom == "value" and [student for student, _ in hits] == ["ada", "bob", "cy"]


def test_trouble_lists_who_could_not_run_and_who_timed_out(results):
    found = {r.student: what for r, what in trouble(results)}
    assert found == {"broken": "could not run: not valid notebook JSON",
                     "loops": "timed out in step/mixed, train/converges"}


def test_the_png_is_written(results, tmp_path):
    png = distribution_plot(results, tmp_path / "report.png")
    assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 20_000


def test_the_page_puts_the_worst_case_first_with_its_symptom_and_students(page):
    text = page.read_text()
    order = [text.index(f'id="case-{name}"') for name in ("train/converges", "predict/lecture-example",
                                                           "step/mixed", "train/returns-weights")]
    assert order == sorted(order)
    worst = text[order[0]:order[1]]
    assert '<span class="symptom">value</span> (3)' in worst and "ada, bob, cy" in worst
    assert "29 / 34 (85%)" in worst and "nan</span> (1): dee" in worst and "timeout</span> (1): loops" in worst
    assert "form/signature" not in text and "1 zero-point form check is left out" in text
    assert "full marks: <b>26</b>" in text and "35</b> submissions" in text


def test_the_page_lists_who_could_not_run_or_timed_out(page):
    trouble_section = page.read_text().split('id="trouble"')[1]
    assert "broken" in trouble_section and "could not run: not valid notebook JSON" in trouble_section
    assert "loops" in trouble_section and "timed out in step/mixed, train/converges" in trouble_section


def test_the_page_escapes_student_ids_and_messages_and_needs_nothing_else(page):
    text = page.read_text()
    assert SCRIPT not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<b>bad</b>" not in text and "&lt;b&gt;bad&lt;/b&gt;" in text
    assert "<script" not in text.lower() and not re.search(r"(src|href)=|@import|url\(", text)


def test_an_empty_class_still_renders():
    assert "Every notebook that ran passed every case" in render([])


def test_nnlab_report_writes_the_page_and_the_png_beside_the_course_gradebook(results, tmp_path):
    Gradebook(tmp_path / "gb.db").save(results)
    p = subprocess.run([sys.executable, "-m", "nnlab", "report", WEEK], capture_output=True, text=True,
                       cwd=tmp_path / "..", timeout=300, env={"NNLAB_GRADEBOOK": str(tmp_path / "gb.db"),
                                                             "PATH": "/usr/bin:/bin"})
    assert p.returncode == 0, p.stderr
    assert f"gradebook: {tmp_path / 'gb.db'}" in p.stderr
    assert (tmp_path / f"report-{WEEK}.html").read_text().startswith("<!DOCTYPE html>")
    assert (tmp_path / f"report-{WEEK}.png").read_bytes()[:4] == b"\x89PNG"


# --- the page in a real browser ------------------------------------------------------------------

BROWSER = next((path for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                if (path := shutil.which(name))), None)
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no chromium binary (.ci/run installs it)")


def headless(*args: str, profile: Path) -> subprocess.CompletedProcess:
    """Run headless Chromium offline with a throwaway profile (``--no-sandbox``: CI runs as root)."""
    return subprocess.run([str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           "--no-first-run", "--hide-scrollbars",
                           f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=180)


class Visible(HTMLParser):
    """The rendered DOM's elements and its text outside <style> and <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] not in ("style", "title") and data.strip():
            self.text.append(data.strip())


@pytest.mark.slow
@needs_browser
def test_chromium_renders_the_report_as_the_ta_should_read_it(page, tmp_path):
    p = headless("--dump-dom", page.as_uri(), profile=tmp_path / "profile")
    assert p.returncode == 0 and "</html>" in p.stdout, p.stderr[-2000:]
    dom = Visible()
    dom.feed(p.stdout)
    text = " ".join(dom.text)
    assert "script" not in dom.tags and "svg" in dom.tags and "table" in dom.tags
    assert f"{WEEK}: class report" in text and "full marks: 26" in text
    assert text.index("train/converges") < text.index("predict/lecture-example") < text.index("step/mixed")
    assert "value (3)" in text and "ada, bob, cy" in text
    assert SCRIPT in text and "<b>bad</b>" in text  # shown as text, never run or rendered as markup
    assert "could not run: not valid notebook JSON" in text and "timed out in step/mixed" in text
    assert "form/signature" not in text


@pytest.mark.slow
@needs_browser
def test_chromium_screenshot_of_the_report(page, tmp_path):
    from PIL import Image

    shot = tmp_path / "report.png"
    p = headless(f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri(), profile=tmp_path / "profile")
    assert shot.exists(), p.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 1600) and shot.stat().st_size > 30_000
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # text, bars and table shading, not a blank page
    full_bar = sum(n for n, (r, g, b) in colours if abs(r - 0x22) < 16 and abs(g - 0x88) < 16 and abs(b - 0x33) < 16)
    assert full_bar > 500  # the green full-marks bar is drawn


def test_feedback_groups_the_failures_under_each_item_with_what_it_cost():
    from nnlab.report import feedback_text

    text = feedback_text(submission("loops", {**LOST["loops"], **LOST["gus"], **LOST["eve"]}))
    fix = text.split("## What to fix\n", 1)[1]
    headings = re.findall(r"^### (.*)$", fix, re.M)
    assert headings == ["step: 1 of 1 checks failed (2 of 2 points lost)",
                        "perceptron_predict: 1 of 1 checks failed (3 of 3 points lost)",
                        "train: 3 of 3 checks failed (5.5 of 7 points lost)"]
    train = fix.split("### train", 1)[1]
    assert [line.split("**")[1] for line in train.splitlines() if line.startswith("- **")] == [
        "train/converges", "train/returns-weights", "form/signature"]
    assert "(1.5/2): one weight is off" in train


def test_a_case_not_checked_yet_is_not_listed_among_what_to_fix():
    from dataclasses import replace

    from nnlab.gradebook import NOT_CHECKED
    from nnlab.report import feedback_text

    result = submission("eve", LOST["eve"])
    result.tests = [replace(t, symptom=NOT_CHECKED, message="not checked yet", score=0.0)
                    if t.name == "train/returns-weights" else t for t in result.tests]
    fix, waiting = feedback_text(result).split("## What to fix\n", 1)[1].split("## Not checked yet\n")
    assert "train/returns-weights" not in fix and "train/returns-weights" in waiting
    assert "### train: 1 of 3 checks failed" in fix
