"""Where the benchmarks keep their numbers: one JSON file, one key per benchmark."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "results.json"


def write(key: str, record: Any) -> None:
    """Replace ``key`` in benchmarks/results.json with ``record``, keeping the other benchmarks' numbers."""
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    results[key] = record
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {OUT} ({key})")
