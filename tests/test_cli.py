"""The command line: every default in ``--help``, and the course's gradebook from NNLAB_GRADEBOOK."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from nnlab import cli


def subcommands(parser: argparse.ArgumentParser | None = None) -> dict[str, argparse.ArgumentParser]:
    """Every subcommand's parser by its name, nested ones (``gradebook remove``) included."""
    actions = [a for a in (parser or cli.parser())._actions if isinstance(a, argparse._SubParsersAction)]
    found = {}
    for name, sub in (actions[0].choices if actions else {}).items():
        found[name] = sub
        found.update({f"{name} {inner}": p for inner, p in subcommands(sub).items()})
    return found


def test_every_subcommand_is_checked_below():
    assert set(subcommands()) == set(SUBCOMMANDS)


SUBCOMMANDS = ["release", "new", "bundle", "grade", "check", "report", "export", "quiz-keys", "gradebook", "gradebook remove",
               "gradebook rename", "gradebook override", "gradebook overrides", "gradebook deadline",
               "gradebook extend"]


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_help_shows_every_default(name):
    sub = subcommands()[name]
    helper = sub.formatter_class(prog=sub.prog)
    for action in sub._actions:
        takes_value = action.nargs != 0 and not isinstance(action, argparse._HelpAction)
        if takes_value and (action.option_strings or action.nargs in ("?", "*")):
            assert "default" in helper._get_help_string(action), (name, action.dest)
    text = " ".join(sub.format_help().split())
    if name == "grade":
        assert f"(default: {os.cpu_count() or 1})" in text and "(default: gradebook.db;" in text


def test_the_gradebook_comes_from_nnlab_gradebook_for_every_command(monkeypatch, tmp_path):
    assert cli.parser().parse_args(["report", "w"]).gradebook == Path("gradebook.db")
    monkeypatch.setenv("NNLAB_GRADEBOOK", str(tmp_path / "course.db"))
    for argv in (["report", "w"], ["grade", "w", "submitted"]):
        assert cli.parser().parse_args(argv).gradebook == tmp_path / "course.db"
    assert cli.parser().parse_args(["report", "w", "--gradebook", "x.db"]).gradebook == Path("x.db")
    assert f"default:{tmp_path / 'course.db'}" in "".join(subcommands()["report"].format_help().split())


def test_report_names_a_missing_gradebook_instead_of_creating_one(tmp_path, capsys):
    assert cli.main(["report", "w", "--gradebook", str(tmp_path / "nope.db")]) == 1
    assert not (tmp_path / "nope.db").exists()
    err = capsys.readouterr().err
    assert f"gradebook: {tmp_path / 'nope.db'}" in err and "NNLAB_GRADEBOOK" in err
