"""``nnlab gradebook``: the TA's changes to the gradebook (remove or rename a student, override a
score, a late-penalty policy and extensions), each kept with who decided and why."""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nnlab.gradebook import Gradebook

GRADEBOOK_ENV = "NNLAB_GRADEBOOK"  # the course's gradebook, so that no command needs --gradebook


def existing(path: Path) -> Gradebook | None:
    """The gradebook at ``path``, said where; None (and why) when there is none."""
    from nnlab.gradebook import Gradebook

    print(f"gradebook: {path.resolve()}", file=sys.stderr)
    if not path.is_file():
        print(f"no gradebook at {path} (--gradebook, or set {GRADEBOOK_ENV})", file=sys.stderr)
        return None
    return Gradebook(path)


def option() -> dict[str, Any]:
    """The ``--gradebook`` option of every command that reads or writes the gradebook."""
    return {"type": Path, "default": Path(os.environ.get(GRADEBOOK_ENV) or "gradebook.db"),
            "help": f"the SQLite gradebook (default: %(default)s; set {GRADEBOOK_ENV} to choose it once per course)"}


def add(sub: Any) -> None:
    """Add ``nnlab gradebook`` and its actions to the subcommands ``sub``."""
    gb = sub.add_parser("gradebook", help="change the gradebook: remove or rename a student, override a score, "
                                          "a late-penalty policy and extensions")
    actions = gb.add_subparsers(dest="action", required=True)
    rm = actions.add_parser("remove", help="delete a student's results (who dropped the course)")
    rm.add_argument("student")
    rm.add_argument("--assignment", help="only this week's (default: every week's)")
    rn = actions.add_parser("rename", help="file a student's results under another id, in every week")
    rn.add_argument("student")
    rn.add_argument("new")
    ov = actions.add_parser("override", help="set one case's points or the total by hand, with a reason "
                                             "(kept beside the computed score)")
    ov.add_argument("assignment")
    ov.add_argument("student")
    ov.add_argument("--case", default="", help="the case (default: the total score)")
    how = ov.add_mutually_exclusive_group(required=True)
    how.add_argument("--score", type=float, help="the points to give (no default)")
    how.add_argument("--clear", action="store_true", help="back to the computed score")
    ov.add_argument("--reason", required=True, help="why: students read it (required, no default)")
    ov.add_argument("--by", dest="author", default=getpass.getuser(), help="who decides")
    ls = actions.add_parser("overrides", help="list a week's overrides, oldest first (the audit trail)")
    ls.add_argument("assignment")
    dl = actions.add_parser("deadline", help="show, set or clear a week's late-penalty policy (default: none, "
                                             "the LMS's own applies), and list its extensions")
    dl.add_argument("assignment")
    when = dl.add_mutually_exclusive_group()
    when.add_argument("--due", help="the deadline, ISO (2026-03-01T23:59, this machine's zone unless one is given; "
                                    "no default: without --due or --clear the policy is shown)")
    when.add_argument("--clear", action="store_true", help="no late penalty")
    dl.add_argument("--per-day", type=float, default=10.0, help="percent off per started day late")
    dl.add_argument("--cap", type=float, default=50.0, help="percent off at most")
    ex = actions.add_parser("extend", help="move one student's deadline of a week, with a reason")
    ex.add_argument("assignment")
    ex.add_argument("student")
    ex.add_argument("--until", required=True, help="the student's deadline, ISO (required, no default)")
    ex.add_argument("--reason", required=True, help="why (required, no default)")
    ex.add_argument("--by", dest="author", default=getpass.getuser(), help="who decides")
    for action in (rm, rn, ov, ls, dl, ex):
        action.add_argument("--gradebook", **option())
        action.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Carry out one ``nnlab gradebook`` action."""
    from nnlab.late import LatePolicy, parse_time, stamp

    book = existing(args.gradebook)
    if book is None:
        return 1
    if args.action == "overrides":
        for o in book.overrides(args.assignment):
            print(f"{o.made_at}  {o.author}  {o.student}  {o.describe()}")
        return 0
    if args.action == "override":
        o = book.override(args.assignment, args.student, args.case, None if args.clear else args.score, args.reason,
                          args.author)
        print(f"{args.assignment}, {o.student}: {o.describe()}")
        return 0
    if args.action == "deadline":
        if args.due:
            book.set_deadline(args.assignment, LatePolicy(stamp(parse_time(args.due)), args.per_day, args.cap))
        elif args.clear:
            book.set_deadline(args.assignment, None)
        policy = book.deadline(args.assignment)
        said = policy.describe() if policy else "no late penalty (the LMS's own policy applies)"
        print(f"{args.assignment}: {said}")
        for student, (until, reason) in sorted(book.extensions(args.assignment).items()):
            print(f"  {student}: extended to {until} ({reason})")
        return 0
    if args.action == "extend":
        book.extend(args.assignment, args.student, stamp(parse_time(args.until)), args.reason, args.author)
        print(f"{args.assignment}, {args.student}: deadline extended to {stamp(parse_time(args.until))}")
        return 0
    if args.action == "remove":
        done, what = book.remove(args.student, args.assignment), f"removed {args.student} from"
    else:
        done = book.rename(args.student, args.new)
        what = f"renamed {args.student} to {args.new} (graded again at the next `nnlab grade` of its download) in"
    if not done:
        print(f"{args.student} has no results in {args.gradebook}", file=sys.stderr)
        return 1
    print(f"{what} {', '.join(done)}")
    return 0
