"""The judge for per-student variant answers (see :mod:`nnlab.variants`)."""
from __future__ import annotations

from typing import Any, Callable

from nnlab.judge import Context, Custom, Verdict, compare_numeric, fail


def variant_answer(compute: Callable[[str], Any], rtol: float = 1e-6, atol: float = 1e-9) -> Custom:
    """Judge an answer against ``compute(student_id)`` for the submitter's own id.

    The case must ask for ``extra_values=("STUDENT_ID",)``. A notebook whose ``STUDENT_ID`` is
    not the submitter's gets no credit, and the message says so.
    """

    def judge(got: Any, ctx: Context) -> Verdict:
        claimed = ctx.extra.get("STUDENT_ID")
        if not isinstance(claimed, str) or claimed.strip() != ctx.student:
            return fail("variant", f"this notebook's STUDENT_ID is {claimed!r} but it was submitted by "
                                   f"{ctx.student!r}; variant questions are graded for the submitter's id "
                                   "only (set STUDENT_ID to your own user name)")
        return compare_numeric(got, compute(ctx.student), rtol, atol)

    return Custom(judge)
