"""Start the child process behind the strongest wall the platform offers.

Three levels, chosen once per grading run:

- ``bwrap``: bubblewrap with new PID, network, IPC and mount namespaces. The child sees only the
  Python installation, the nnlab package and its own empty working directory; the course's
  solutions, hidden cases and other students' submissions do not exist for it.
- ``unshare``: util-linux ``unshare`` with PID and network namespaces (processes end with the
  child, no network), but the file system is visible.
- ``plain``: a child process in its own session with resource limits only (a TA's laptop).

Every level applies the same resource limits (address space, CPU seconds, file size), which the
child sets on itself before it reads the job (see :func:`nnlab.sandbox.child.limit_resources`).
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import nnlab

PACKAGE_ROOT = Path(nnlab.__file__).resolve().parent.parent
SANDBOX_HOME = "/sandbox"
CHILD_BOOT = ("import sys; sys.path.insert(0, {root!r}); "
              "from nnlab.sandbox.child import main; main()")


@dataclass(frozen=True)
class Limits:
    """Resource limits for one child process."""

    memory_mb: int = 2048
    cpu_seconds: int = 600
    file_mb: int = 64
    cell_seconds: float = 60.0
    startup_seconds: float = 60.0
    total_seconds: float = 900.0


class IsolationWarning(UserWarning):
    """The platform offers less isolation than bubblewrap."""


def _works(cmd: list[str]) -> bool:
    try:
        return subprocess.run(cmd + ["true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@functools.lru_cache(maxsize=None)
def isolation_level() -> str:
    """The strongest isolation that works here: ``bwrap``, ``unshare`` or ``plain``."""
    forced = os.environ.get("NNLAB_ISOLATION")
    if forced:
        return forced
    if shutil.which("bwrap") and _works(["bwrap", "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent"]):
        return "bwrap"
    if shutil.which("unshare") and _works(_unshare_prefix()):
        level = "unshare"
    else:
        level = "plain"
    warnings.warn(f"bubblewrap is not available: submissions run with isolation level {level!r} "
                  "(resource limits{}; the file system is NOT hidden from student code). "
                  "Install bubblewrap (apt-get install bubblewrap) for full isolation."
                  .format(", PID and network namespaces" if level == "unshare" else " only"),
                  IsolationWarning, stacklevel=2)
    return level


def _unshare_prefix() -> list[str]:
    return ["unshare", "--user", "--map-root-user", "--pid", "--fork", "--kill-child", "--net", "--ipc"]


def _readable_roots() -> list[str]:
    """Folders the child must read: the interpreter, the virtual environment, nnlab, system libraries."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(sys.executable).resolve().parent.parent),
             str(PACKAGE_ROOT / "nnlab")}
    for path in ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc/alternatives", "/etc/ld.so.cache",
                 "/etc/localtime", "/etc/ssl"):
        paths.add(path)
    return sorted(paths)


def _bwrap_prefix(workdir: Path) -> list[str]:
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
           "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for path in _readable_roots():
        cmd += ["--ro-bind-try", path, path]
    cmd += ["--bind", str(workdir), SANDBOX_HOME, "--chdir", SANDBOX_HOME]
    return cmd


@functools.lru_cache(maxsize=None)
def plot_cache() -> Path:
    """A matplotlib config folder with its font cache built once; each child gets a copy
    (matplotlib wants it writable), which saves every child about a second."""
    folder = Path(tempfile.gettempdir()) / f"nnlab-mplconfig-{os.getuid()}"
    if not any(folder.glob("fontlist*.json")):
        folder.mkdir(mode=0o755, exist_ok=True)
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], capture_output=True,
                       env={**os.environ, "MPLCONFIGDIR": str(folder), "MPLBACKEND": "Agg"}, timeout=120)
    return folder


def child_env(workdir: str, extra: dict[str, str]) -> dict[str, str]:
    """A minimal environment: no secrets of the grader's, one BLAS thread, a headless plot backend."""
    env = {"PATH": "/usr/bin:/bin", "HOME": workdir, "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "MPLCONFIGDIR": f"{workdir}/.matplotlib"}
    env.update(extra)
    return env


def spawn(workdir: Path, job: Path, result_fd: int, limits: Limits, env: dict[str, str]) -> subprocess.Popen:
    """Start the child reading its job from the file ``job`` and writing events to ``result_fd``.

    The job is a file, not a pipe the parent writes, so a child that never reads cannot block the
    grader. The child sets its own resource limits before it reads any student code: a
    ``preexec_fn`` could deadlock in a grader that starts children from several threads.
    """
    level = isolation_level()
    shutil.copytree(plot_cache(), workdir / ".matplotlib", dirs_exist_ok=True)
    inside = SANDBOX_HOME if level == "bwrap" else str(workdir)
    caps = json.dumps({"memory_mb": limits.memory_mb, "cpu_seconds": limits.cpu_seconds, "file_mb": limits.file_mb})
    python = [sys.executable, "-I", "-c", CHILD_BOOT.format(root=str(PACKAGE_ROOT)), str(result_fd), caps]
    if level == "bwrap":
        cmd = _bwrap_prefix(workdir) + python
    elif level == "unshare":
        cmd = _unshare_prefix() + python
    else:
        cmd = python
    with open(job, "rb") as stdin:
        return subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=workdir, env=child_env(inside, env), pass_fds=(result_fd,),
                                start_new_session=True)
