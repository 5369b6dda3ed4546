#!/usr/bin/env python3
"""Start-up: wall seconds of ``nnlab --help`` and of a student's ``from nnlab.check import Checker``
(target: under 0.5 s each), beside ``import numpy`` for comparison.

    .venv/bin/python benchmarks/startup.py [--repeats 5]

Each command runs in a fresh interpreter ``--repeats`` times; the median is recorded under
``"startup"`` in benchmarks/results.json.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from record import write

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.5
COMMANDS = {
    "nnlab --help": [str(Path(sys.executable).with_name("nnlab")), "--help"],
    "from nnlab.check import Checker": [sys.executable, "-c", "from nnlab.check import Checker"],
    "import numpy": [sys.executable, "-c", "import numpy"],
}


def seconds(cmd: list[str]) -> float:
    """Wall seconds of one run of ``cmd``, which must succeed."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    medians = {}
    for name, cmd in COMMANDS.items():
        runs = [seconds(cmd) for _ in range(args.repeats)]
        medians[name] = round(statistics.median(runs), 3)
        print(f"{name}: median {medians[name]:.3f} s (runs {', '.join(f'{r:.3f}' for r in runs)})", flush=True)
    record = {"machine": f"{platform.machine()}, {platform.python_version()}", "repeats": args.repeats,
              "median_seconds": medians, "target": f"nnlab --help and the checker import in < {TARGET} s",
              "met": medians["nnlab --help"] < TARGET and medians["from nnlab.check import Checker"] < TARGET}
    print(json.dumps(record, indent=2))
    write("startup", record)


if __name__ == "__main__":
    main()
