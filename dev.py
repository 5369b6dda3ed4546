#!/usr/bin/env python3
"""Set up and run nnlab with nothing but Python 3.11:

    python3 dev.py demo   # release every week, grade the sample submissions, print scores, draw the report
    python3 dev.py test   # the whole test suite (`test --fast`: without the slow tier, for everyday work)

Both create .venv/ and install the pinned dependencies (requirements.lock) the first time, and
again whenever requirements.lock or pyproject.toml change.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".nnlab-installed"
SAMPLES = ROOT / "examples" / "submissions"
OUT = ROOT / "out"


def run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT)


def ensure_venv() -> None:
    """Create the virtual environment and install the locked dependencies when they changed."""
    wanted = hashlib.sha256((ROOT / "requirements.lock").read_bytes() + (ROOT / "pyproject.toml").read_bytes())
    if STAMP.exists() and STAMP.read_text() == wanted.hexdigest():
        return
    if not (BIN / "python").exists():
        print(f"creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-r", ROOT / "requirements.lock")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
        "-e", ROOT)
    STAMP.write_text(wanted.hexdigest())


def demo() -> None:
    """Release all weeks, then grade each week's sample submissions and report."""
    run(BIN / "nnlab", "release")
    gradebook = OUT / "gradebook.db"
    for week_dir in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        # the samples are ours, so the demo grades them even where no sandbox starts (it says so)
        run(BIN / "nnlab", "grade", week_dir.name, week_dir, "--gradebook", gradebook, "--unsandboxed")
        run(BIN / "nnlab", "report", week_dir.name, "--gradebook", gradebook)


def test(extra: list[str]) -> None:
    # --dist loadfile: each test module stays on one worker, so a week's corpus is graded once
    # (xdist's loadgroup does not keep groups together under pytest 9)
    if "--fast" in extra:
        extra = [a for a in extra if a != "--fast"] + ["-m", "not slow"]
    run(BIN / "python", "-m", "pytest", "-n", "2", "--dist", "loadfile", *extra)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("demo", "test"):
        sys.exit(__doc__)
    ensure_venv()
    try:
        demo() if sys.argv[1] == "demo" else test(sys.argv[2:])
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)


if __name__ == "__main__":
    main()
