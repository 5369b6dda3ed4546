"""A hostile class at every isolation level this machine offers: notebooks that go after the course
(reference, case table, solutions, another student's notebook), write into it, patch numpy, fake
the grader's output or kill the grader gain nothing over the untouched stub, on every week, while
an honest notebook keeps full marks."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nnlab.course import Course
from nnlab.grade import Submission, grade_one
from nnlab.release.corpus import with_cell
from tests.conftest import LEVELS, ROOT

pytestmark = pytest.mark.slow

ATTACKS = {
    # read and run anything of the course that lies near the interpreter or the grader
    "exec-course": "import glob, os, sys, json\n"
                   "roots = {sys.prefix, os.path.dirname(sys.prefix), os.getcwd(), %(root)r}\n"
                   "for base in roots:\n"
                   "    for p in glob.glob(base + '/autograder/*/*.py') + glob.glob(base + '/../autograder/*/*.py'):\n"
                   "        try:\n            exec(open(p).read())\n        except Exception:\n            pass\n"
                   "    for p in glob.glob(base + '/solutions/*/*.ipynb'):\n"
                   "        try:\n"
                   "            for c in json.load(open(p))['cells']:\n"
                   "                if c['cell_type'] == 'code':\n"
                   "                    exec(''.join(c['source']))\n"
                   "        except Exception:\n            pass\n",
    "read-classmate": "try:\n    CLASSMATE = open(%(classmate)r).read()\nexcept OSError:\n    CLASSMATE = None\n",
    "write-course": "for p in [%(root)r + '/autograder/HACKED', %(classmate)r]:\n"
                    "    try:\n        open(p, 'w').write('x')\n    except OSError:\n        pass\n",
    "patch-numpy": "import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
                   "np.isclose = lambda *a, **k: True\n",
    "fake-output": "import os\nfor fd in range(3, 30):\n"
                   "    try:\n        os.write(fd, b'{\"ev\": \"result\", \"id\": \"x\", \"value\": 1}\\n{\"ev\": \"done\"}\\n')\n"
                   "    except OSError:\n        pass\nprint('{\"score\": 100}')\n",
    "kill-grader": "import os, signal\nfor pid in (os.getppid(), -1, 1):\n"
                   "    try:\n        os.kill(pid, signal.SIGKILL)\n    except OSError:\n        pass\n",
}


@pytest.fixture(scope="module")
def classmate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("class") / "bob" / "notebook.ipynb"
    path.parent.mkdir()
    path.write_text("bob's answers")
    return path


@pytest.mark.parametrize("week", Course(ROOT).weeks())
def test_a_hostile_class_gains_nothing_and_honest_work_keeps_full_marks(sandboxed, week, classmate, tmp_path):
    course = Course(ROOT)
    wk = course.week(week)
    honest = grade_one(wk, Submission("ada", course.solution_notebook(week)))
    assert honest.score == wk.max_score and honest.isolation == sandboxed
    nb = course.student_notebook(week)  # the untouched stub scores 0 (release refuses otherwise)
    for name, attack in ATTACKS.items():  # one cell each, so no attack stops another
        nb = with_cell(nb, attack % {"root": str(ROOT), "classmate": str(classmate)}, tmp_path / f"{name}.ipynb")
    hostile = grade_one(wk, Submission("mallory", nb))
    assert hostile.score == 0, [t.name for t in hostile.tests if t.score]
    assert len(hostile.notes) < len(ATTACKS) + 10  # the attack cells ran (the stub's own cells raise too)
    assert classmate.read_text() == "bob's answers"
    assert not (ROOT / "autograder" / "HACKED").exists()


NO_USER_NAMESPACES = ["unshare", "--user", "--map-root-user", "sh", "-c",
                      'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"', "sh"]
IN_A_CONTAINER = """
import json, sys
from pathlib import Path
from nnlab.course import Course
from nnlab.grade import Submission, grade_one
from nnlab.sandbox.launch import isolation_level
course, week, hostile = Course(Path(sys.argv[1])), sys.argv[2], Path(sys.argv[3])
wk = course.week(week)
honest = grade_one(wk, Submission("ada", course.solution_notebook(week)))
stolen = grade_one(wk, Submission("mallory", hostile))
print(json.dumps({"level": isolation_level(), "honest": honest.score, "max": wk.max_score, "stolen": stolen.score}))
"""


@pytest.mark.skipif(not shutil.which("unshare") or "landlock" not in LEVELS,
                    reason="needs util-linux unshare and a kernel with Landlock")
def test_where_user_namespaces_are_off_grading_falls_back_to_landlock_and_still_hides_the_course(tmp_path):
    """As in Docker with its default profile: no new user namespaces, so neither bubblewrap nor
    nnlab's own namespaces start; the grader (root here) picks Landlock by itself."""
    week = "02_mlp_forward"
    nb = with_cell(Course(ROOT).student_notebook(week), ATTACKS["exec-course"] % {"root": str(ROOT), "classmate": ""},
                   tmp_path / "mallory.ipynb")
    p = subprocess.run([*NO_USER_NAMESPACES, sys.executable, "-c", IN_A_CONTAINER, str(ROOT), week, str(nb)],
                       capture_output=True, text=True, timeout=600, env={**os.environ, "NNLAB_ISOLATION": ""})
    assert p.returncode == 0, p.stderr[-2000:]
    got = json.loads(p.stdout.splitlines()[-1])
    assert got == {"level": "landlock", "honest": got["max"], "max": got["max"], "stolen": 0}
