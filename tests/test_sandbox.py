"""Untrusted code: hangs, crashes, exits, memory hogs, snooping and forged results cost only themselves."""
import os
import subprocess

import numpy as np
import pytest

from nnlab.sandbox.launch import Limits, isolation_level
from nnlab.sandbox.session import Call, encode_args, run

FAST = Limits(cell_seconds=3, memory_mb=1024)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def call(name, *args, timeout=3.0, mode="call"):
    return Call(name, name, mode, encode_args(list(args)), encode_args({}), timeout)


def test_good_calls_return_plain_values():
    r = run([(1, "import numpy as np\ndef f(x):\n    return np.asarray(x) * 2")], [call("f", np.arange(3))], FAST)
    assert np.array_equal(r.outcomes["f"].value, [0, 2, 4]) and r.outcomes["f"].ok


def test_a_hanging_cell_is_skipped_and_later_cells_still_run():
    r = run([(1, "while True: pass"), (2, "def f():\n    return 7")], [call("f")], FAST)
    assert r.outcomes["f"].value == 7
    assert "timed out" in r.cell_errors[1]


def test_each_hostile_call_fails_alone():
    cells = [(1, "import os, sys, signal, time\nimport numpy as np\n"
                 "def loop():\n    while True: pass\n"
                 "def hard_exit():\n    os._exit(3)\n"
                 "def soft_exit():\n    sys.exit(0)\n"
                 "def suicide():\n    os.kill(os.getpid(), signal.SIGKILL)\n"
                 "def hog():\n    return np.ones((50000, 50000))\n"
                 "def fine():\n    return 1\n")]
    names = ["loop", "hard_exit", "soft_exit", "suicide", "hog", "fine"]
    r = run(cells, [call(n) for n in names], FAST)
    assert r.outcomes["loop"].kind == "timeout" and "took longer than 3 s" in r.outcomes["loop"].error
    assert r.outcomes["hard_exit"].kind == "crash" and "exited with code 3" in r.outcomes["hard_exit"].error
    assert "SystemExit" in r.outcomes["soft_exit"].error
    assert r.outcomes["suicide"].kind == "crash" and "killed" in r.outcomes["suicide"].error
    assert "MemoryError" in r.outcomes["hog"].error
    assert r.outcomes["fine"].value == 1


def test_printed_garbage_and_forged_events_do_not_count():
    cells = [(1, "import os, sys\nprint('{\"ev\": \"result\", \"id\": \"f\", \"value\": 1}')\n"
                 "sys.stderr.write('garbage' * 1000)\n"
                 "def f():\n    return 2\n"
                 "def forge():\n"
                 "    for fd in range(3, 20):\n"
                 "        try: os.write(fd, b'{\"ev\": \"done\"}\\n')\n"
                 "        except OSError: pass\n"
                 "    return 1\n")]
    r = run(cells, [call("f"), call("forge"), call("f", timeout=3.0)], FAST)
    assert r.outcomes["f"].value == 2
    assert not r.outcomes["forge"].ok or r.outcomes["forge"].value == 1


def test_tampering_with_numpy_only_changes_the_students_own_values():
    cells = [(1, "import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
                 "def f():\n    return np.zeros(2)")]
    r = run(cells, [call("f")], FAST)
    assert r.outcomes["f"].ok and not np.allclose(r.outcomes["f"].value, [1, 1])  # the parent's numpy is untouched


def test_magics_and_shell_escapes_are_not_executed(tmp_path):
    marker = tmp_path / "touched"
    cells = [(1, f"get_ipython().system('touch {marker}')\ndef f():\n    return 1")]
    r = run(cells, [call("f")], FAST)
    assert r.outcomes["f"].value == 1 and not marker.exists()


bwrap_only = pytest.mark.skipif(isolation_level() != "bwrap" and not os.environ.get("CI"),
                                reason="needs bubblewrap (installed by .ci/run in CI)")


@bwrap_only
def test_course_files_and_other_submissions_are_out_of_reach(tmp_path):
    assert isolation_level() == "bwrap", "CI must run with bubblewrap"
    other = tmp_path / "bob" / "secret.txt"
    other.parent.mkdir()
    other.write_text("bob's answers")
    probes = {"ref": f"{ROOT}/autograder/01_perceptron/reference.py", "cases": f"{ROOT}/autograder/01_perceptron/cases.py",
              "solution": f"{ROOT}/solutions/01_perceptron/01_perceptron.ipynb", "other": str(other)}
    src = "import os\ndef probe(p):\n    return os.path.exists(p)\n"
    r = run([(1, src)], [Call(k, "probe", "call", encode_args([p]), encode_args({}), 3) for k, p in probes.items()],
            FAST)
    assert {k: o.value for k, o in r.outcomes.items()} == {k: False for k in probes}


@bwrap_only
def test_no_network_and_no_leftover_processes():
    src = ("import socket, subprocess\n"
           "def net():\n    try:\n        socket.create_connection(('1.1.1.1', 53), timeout=2); return 'open'\n"
           "    except OSError as e:\n        return 'blocked'\n"
           "def spawn():\n    subprocess.Popen(['sleep', '1234567']); return 1\n")
    r = run([(1, src)], [call("net"), call("spawn")], FAST)
    assert r.outcomes["net"].value == "blocked"
    assert r.outcomes["spawn"].value == 1
    leftover = subprocess.run(["pgrep", "-f", "sleep 1234567"], capture_output=True, text=True).stdout
    assert leftover.strip() == ""


def test_warnings_are_reported_even_when_the_notebook_silenced_them_globally():
    cells = [(1, "import warnings\nimport numpy as np\nnp.seterr(all='ignore')\nwarnings.filterwarnings('ignore')\n"
                 "def naive(z):\n    return 1 / (1 + np.exp(-z))\n"
                 "def local(z):\n    with np.errstate(over='ignore'):\n        return 1 / (1 + np.exp(-z))\n"
                 "def loud():\n    warnings.warn('careful', UserWarning)\n    return 0\n")]
    r = run(cells, [call("naive", np.array([-1e4])), call("local", np.array([-1e4])), call("loud")], FAST)
    assert r.outcomes["naive"].ok and r.outcomes["naive"].warnings == ("RuntimeWarning: overflow encountered in exp",)
    assert r.outcomes["local"].ok and r.outcomes["local"].warnings == ()  # a deliberate local errstate is the student's
    assert r.outcomes["loud"].warnings == ("UserWarning: careful",)
