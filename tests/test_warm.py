"""Warm workers: a child forked from a zygote is as isolated as a fresh one, and no run leaves
anything for the next (files, processes, memory, module state), at every level."""
from __future__ import annotations

import os

import pytest

from nnlab.calls import Call
from nnlab.markers import encode_args
from nnlab.sandbox import session, warm
from nnlab.sandbox.launch import Limits

FAST = Limits(cell_seconds=10, memory_mb=1024)
SECRET = "42-" + "quartz-" + "owl"  # never written whole in a cell's source

LEAVE = f"""
import os, subprocess, sys, numpy, json
open("left.txt", "w").write("hello")
try:
    open("/tmp/left.txt", "w").write("hello")
except OSError:
    pass  # landlock: only the work folder is writable
os.environ["LEFT"] = "yes"
numpy.left_behind = "{SECRET}"
sys.modules["json"].left_behind = True
kept = ["{SECRET}" * 3]
sleeper = subprocess.Popen(["sleep", "61.25"])
def state():
    return sleeper.pid
"""

LOOK = """
import gc, os, sys, numpy, json
def state():
    marker = "-".join(["42", "quartz", "owl"])
    seen = any(isinstance(o, str) and marker in o for o in gc.get_objects())
    seen = seen or any(isinstance(o, list) and any(isinstance(x, str) and marker in x for x in o)
                       for o in gc.get_objects())
    install = (sys.prefix, sys.base_prefix, sys.modules["nnlab"].__file__)  # visible, if it lies under /tmp
    try:
        tmp = sorted(e for e in os.listdir("/tmp") if not any(p.startswith(f"/tmp/{e}/") for p in install))
    except PermissionError:  # landlock: the work folder is all it may list
        tmp = []
    return {"files": sorted(os.listdir(".")), "tmp": tmp, "env": "LEFT" in os.environ,
            "numpy": hasattr(numpy, "left_behind"), "json": hasattr(json, "left_behind"), "secret": seen}
"""


def state_call() -> Call:
    return Call("state", "state", "call", encode_args([]), encode_args({}), 10.0)


def test_a_run_leaves_nothing_for_the_next(sandboxed: str) -> None:
    first = session.run([(1, LEAVE)], [state_call()], FAST, level=sandboxed)
    assert first.outcomes["state"].ok, first
    after = session.run([(1, LOOK)], [state_call()], FAST, level=sandboxed).outcomes["state"]
    assert after.ok, after
    assert after.value == {"files": [], "tmp": [], "env": False, "numpy": False, "json": False, "secret": False}
    assert not sleepers(), "a process the first run started outlived it"


def sleepers() -> list[str]:
    """The machine's processes running ``sleep 61.25`` (what the first run left, if anything)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if f.read() == b"sleep\x0061.25\x00":
                    found.append(pid)
        except OSError:
            pass
    return found


def test_the_runs_are_forked_from_one_warm_worker_that_survives_its_children(sandboxed: str) -> None:
    cells = [(1, "import os, signal\ndef ppid():\n    return os.getppid()\n"
                 "def kill_parent():\n    os.kill(os.getppid(), signal.SIGKILL)\n    return 0\n")]
    calls = [Call(n, n, "call", encode_args([]), encode_args({}), 10.0) for n in ("kill_parent", "ppid")]
    before = warm.zygote(sandboxed)
    assert before is not None, warm._broken
    session.run(cells, calls, FAST, level=sandboxed)
    again = session.run([(1, "def f():\n    return 7")], [Call("f", "f", "call", encode_args([]),
                                                              encode_args({}), 10.0)], FAST, level=sandboxed)
    assert again.outcomes["f"].value == 7
    assert warm.zygote(sandboxed) is before and before.alive()


def test_nnlab_warm_0_starts_a_fresh_interpreter_per_run(monkeypatch: pytest.MonkeyPatch, level: str) -> None:
    started: list[int] = []
    spawn = session.spawn
    monkeypatch.setattr(session, "spawn", lambda *a, **k: started.append(1) or spawn(*a, **k))
    call = Call("f", "f", "call", encode_args([]), encode_args({}), 10.0)
    for setting, fresh in (("1", 0), ("0", 1)):
        monkeypatch.setenv("NNLAB_WARM", setting)
        started.clear()
        r = session.run([(1, "def f():\n    return os.getpid()\nimport os")], [call], FAST, level=level)
        assert r.outcomes["f"].ok and len(started) == fresh
    assert os.environ["NNLAB_WARM"] == "0"


def test_where_no_warm_worker_can_start_each_run_gets_a_fresh_interpreter(monkeypatch: pytest.MonkeyPatch,
                                                                           level: str) -> None:
    def cannot(level: str) -> None:
        raise OSError("no room for a zygote")

    monkeypatch.setattr(warm, "Zygote", cannot)
    monkeypatch.setattr(warm, "_broken", {})
    monkeypatch.setattr(warm, "_local", __import__("threading").local())
    started: list[int] = []
    spawn = session.spawn
    monkeypatch.setattr(session, "spawn", lambda *a, **k: started.append(1) or spawn(*a, **k))
    r = session.run([(1, "def f():\n    return 7")], [Call("f", "f", "call", encode_args([]), encode_args({}), 10.0)],
                    FAST, level=level)
    assert r.outcomes["f"].value == 7 and started == [1]
    assert warm._broken == {level: "no room for a zygote"}
