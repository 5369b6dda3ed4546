"""An optional late-penalty policy (off by default: an LMS may apply its own): a deadline, a penalty
in percent per started day late, and a cap, applied to submissions whose download carries the LMS's
own submission time (Gradescope exports, nbgrader's ``timestamp.txt``; Canvas and Moodle downloads
carry none). A per-student extension moves that student's deadline."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone


class LateError(ValueError):
    """A deadline, time or percentage that cannot be used."""


def parse_time(text: str) -> datetime:
    """An ISO time (``2026-03-01T23:59``, ``2026-03-01 23:59:00+01:00``); without a zone, this machine's."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise LateError(f"{text!r} is not a time such as 2026-03-01T23:59 or 2026-03-01T23:59+01:00") from None
    return value if value.tzinfo else value.astimezone()


def stamp(value: datetime) -> str:
    """A time as the gradebook keeps it: ISO, with its zone (UTC for a naive one)."""
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat(timespec="seconds")


@dataclass(frozen=True)
class LatePolicy:
    """``per_day`` percent off per started day after ``due`` (or the student's extension), at most ``cap`` percent."""

    due: str
    per_day: float
    cap: float

    def __post_init__(self) -> None:
        parse_time(self.due)
        if not (0 <= self.per_day <= 100 and 0 <= self.cap <= 100):
            raise LateError("the penalty per day and its cap are percentages between 0 and 100")

    def penalty(self, submitted_at: str, extended_to: str = "") -> tuple[int, float]:
        """(days late, percent off) of a submission made at ``submitted_at``; (0, 0) when on time."""
        due = parse_time(extended_to or self.due)
        late = (parse_time(submitted_at) - due).total_seconds()
        if late <= 0:
            return 0, 0.0
        days = math.ceil(late / 86400)
        return days, min(self.cap, days * self.per_day)

    def describe(self) -> str:
        return f"due {self.due}, {self.per_day:g}% off per started day late, at most {self.cap:g}%"
