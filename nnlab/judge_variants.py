"""The judge for per-student variant answers (see :mod:`nnlab.variants`), and what becomes of them
when the submitter is not known."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable

from nnlab.gradebook import NOT_CHECKED, CaseResult, SubmissionResult
from nnlab.judge import Context, Custom, Letter, Verdict, compare_numeric, fail
from nnlab.variants import LETTERS, order

if TYPE_CHECKING:
    from nnlab.cases import Case

UNKNOWN_SUBMITTER = ("not checked yet: this question is drawn from your user name, and the download your TA "
                     "graded does not say who you are; your TA grades it once the class roster is known")


@dataclass(frozen=True)
class VariantJudge(Custom):
    """A :class:`~nnlab.judge.Custom` judge whose key is drawn from the submitter's id: ``key(student)``
    (``nnlab quiz-keys`` lists it for office hours)."""

    key: Callable[[str], Any] = field(default=lambda student: None)


def _not_theirs(ctx: Context) -> Verdict | None:
    """The failure of a notebook whose ``STUDENT_ID`` is not its submitter's, else None."""
    claimed = ctx.extra.get("STUDENT_ID")
    if isinstance(claimed, str) and claimed.strip() == ctx.student:
        return None
    return fail("variant", f"this notebook's STUDENT_ID is {claimed!r} but it was submitted by {ctx.student!r}; "
                           "variant questions are graded for the submitter's id only (set STUDENT_ID to your own "
                           "user name)")


def variant_answer(compute: Callable[[str], Any], rtol: float = 1e-6, atol: float = 1e-9) -> VariantJudge:
    """Judge an answer against ``compute(student)`` for the submitter's own id.

    The case must ask for ``extra_values=("STUDENT_ID",)``. A notebook whose ``STUDENT_ID`` is
    not the submitter's gets no credit, and the message says so.
    """

    def judge(got: Any, ctx: Context) -> Verdict:
        return _not_theirs(ctx) or compare_numeric(got, compute(ctx.student), rtol, atol, hints=False)  # a quiz

    return VariantJudge(judge, key=compute)


def variant_letter(question: str, options: int, right: int) -> VariantJudge:
    """Judge a multiple-choice answer whose ``options`` each student sees in their own order
    (:func:`nnlab.variants.order` of ``question``); ``right`` is the index of the right option in the
    lecture's order. A copied letter is right by chance only. The case must ask for
    ``extra_values=("STUDENT_ID",)``."""

    def letter(student: str) -> str:
        return LETTERS[order(student, question, options).index(right)]

    def judge(got: Any, ctx: Context) -> Verdict:
        return _not_theirs(ctx) or Letter(letter(ctx.student))(got, ctx)

    return VariantJudge(judge, key=letter)


def is_variant(case: Case) -> bool:
    """Whether a case's key depends on who submitted (its judge comes from :func:`variant_answer`)."""
    return isinstance(case.judge, VariantJudge)


def not_checked(result: SubmissionResult, cases: list[Case]) -> SubmissionResult:
    """``result`` with its variant items at 0 points, symptom ``not-checked`` and a message that
    blames nobody: the submitter is not known, so no key can be drawn (grading again with the roster
    checks them)."""
    variants = {c.name for c in cases if is_variant(c)}
    tests = [CaseResult(t.name, t.target, 0.0, t.max_score, UNKNOWN_SUBMITTER, NOT_CHECKED) if t.name in variants
             else t for t in result.tests]
    return replace(result, tests=tests, score=round(sum(t.score for t in tests), 6))


def quiz_keys(cases: list[Case], students: list[str]) -> dict[str, dict[str, Any]]:
    """Each student's key of every per-student item, by student and item (for office hours)."""
    variants = [c for c in cases if is_variant(c)]
    return {student: {c.target: c.judge.key(student) for c in variants} for student in students}
