"""Warm workers: one process per grading thread that has numpy loaded and forks a child per run.

Starting Python and importing numpy is most of what a fresh child costs. A warm worker (a
*zygote*) pays it once, then forks one child per run; the child confines itself exactly as a fresh
one would (:func:`nnlab.sandbox.jail.confine`) before it reads any student code:

- ``bwrap``: the zygote runs inside bubblewrap's view; each child moves into new user, mount, PID,
  network, IPC and UTS namespaces nested inside it and a root of its own holding the allow-list
  and its own empty work folder (the ``unshare`` recipe), so no child sees another's files,
  processes or work folder;
- ``unshare``: the zygote runs unconfined (it never runs student code) and each child builds its
  namespaces and root as a fresh one does;
- ``landlock`` and ``plain``: each child applies its own Landlock allow-list (write only its own
  work folder, read no other process's ``/proc``) and limits.

Nothing of a run stays in the zygote: it never reads a job (the child reads it from a file
descriptor the grader passes along) and each child is forked from the zygote as it was before the
first run, reseeded. The zygote is not dumpable, so a child of the same user cannot read or write
its memory through ``/proc``. The grader talks to the zygote over a socket pair: a request carries
the child's work folder, limits and environment, with its job and result descriptors attached; the
zygote answers ``started``, kills the child's process group on ``kill`` and reports how it ended.
A zygote that dies (a child of the same user may kill it where signals are not scoped) only ends
the run it served: the next run starts a new one.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from nnlab.sandbox import launch
from nnlab.sandbox.launch import Limits

ZYGOTE_BOOT = "import sys; sys.path.insert(0, {root!r}); from nnlab.sandbox.warm import serve; serve()"
PR_SET_DUMPABLE = 4


class WorkerGone(Exception):
    """The zygote is not there any more (it died, or could not start)."""


# ---- inside the zygote ----------------------------------------------------------------------------

def serve() -> None:
    """The zygote's loop: for each request fork a child, report that it started and how it ended."""
    from nnlab.sandbox import child, jail  # loaded once, before any run: what every child inherits

    jail._prctl(jail.PR_SET_PDEATHSIG, signal.SIGKILL)  # never outlive the grader
    jail._prctl(PR_SET_DUMPABLE, 0)
    sock = socket.socket(fileno=int(sys.argv[1]))
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(sock, 1 << 16, 2)
        except OSError:
            os._exit(0)
        if not message:
            os._exit(0)
        request = json.loads(message)
        if "kill" in request:  # for a child that ended before the grader's word arrived
            continue
        pid = os.fork()
        if pid == 0:
            try:
                sock.close()
                _child(request, *fds, child=child, jail=jail)
            finally:
                os._exit(98)  # whatever happened, a child never goes on as a zygote
        for fd in fds:
            os.close(fd)
        sock.send(b'{"started": true}')
        _watch(sock, pid, request["n"])


def _child(request: dict[str, Any], result_fd: int, job_fd: int, *, child: Any, jail: Any) -> None:
    """In the forked child: a process group of its own, nothing open but its two descriptors, the
    run's environment, confined as a fresh child would be, reseeded; then the run."""
    try:
        os.setsid()  # before the system-call filter forbids it; the zygote kills this group
        low, high = sorted((result_fd, job_fd))
        os.closerange(3, low)
        os.closerange(low + 1, high)
        os.closerange(high + 1, os.sysconf("SC_OPEN_MAX"))
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        jail.confine(request["jail"])
    except OSError as exc:
        os.write(2, f"nnlab warm child: {exc}\n".encode())
        os._exit(97)
    import random

    import numpy as np

    random.seed()
    np.random.seed()
    child.serve(result_fd, request["caps"], os.fdopen(job_fd))


def _watch(sock: socket.socket, pid: int, n: int) -> None:
    """Until ``pid`` (run ``n``) ends: kill its process group when the grader says so (or goes
    away); then send its end as a Popen return code."""
    pidfd = os.pidfd_open(pid)
    try:
        while True:
            ready, _, _ = select.select([sock, pidfd], [], [])
            if pidfd in ready:
                break
            message = sock.recv(64)
            if not message or json.loads(message).get("kill") == n:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
    finally:
        os.close(pidfd)
    try:
        os.killpg(pid, signal.SIGKILL)  # whatever it left running (it cannot leave its group)
    except ProcessLookupError:
        pass
    _, status = os.waitpid(pid, 0)
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    sock.send(json.dumps({"status": code}).encode())


# ---- in the grader ------------------------------------------------------------------------------

class WarmChild:
    """A forked child as the session drives it: :meth:`poll`, :meth:`wait`, :meth:`kill`."""

    def __init__(self, zygote: Zygote, n: int) -> None:
        self.zygote, self.n, self.returncode = zygote, n, None

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self.zygote.sock], [], [], 0)[0]:
            self._status()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not select.select([self.zygote.sock], [], [], timeout)[0]:
                raise subprocess.TimeoutExpired("warm child", timeout or 0)
            self._status()
        return self.returncode

    def kill(self) -> int:
        """Kill the child's process group and wait for its end (also a :func:`launch.trial` child's API)."""
        if self.returncode is None:
            try:
                self.zygote.sock.send(json.dumps({"kill": self.n}).encode())
            except OSError:
                pass
        return self.wait()

    def _status(self) -> None:
        try:
            self.returncode = json.loads(self.zygote.sock.recv(4096))["status"]
        except (OSError, ValueError, KeyError):
            self.zygote.close()
            self.returncode = -signal.SIGKILL  # the zygote went away, and its child with it


class Zygote:
    """One warm worker at one isolation level, owned by one grading thread."""

    def __init__(self, level: str) -> None:
        self.level, self.runs = level, 0
        self.home = Path(tempfile.mkdtemp(prefix="nnlab-warm-"))
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        user = launch.child_user(level)
        if user is not None:
            os.chown(self.home, user, user)
        python = [sys.executable, "-I", "-c", ZYGOTE_BOOT.format(root=str(launch.PACKAGE_ROOT)), str(theirs.fileno())]
        cmd = _bwrap_for_zygote(self.home) + python if level == "bwrap" else python
        try:
            self.proc = launch.popen(cmd, level, self.home, launch.child_env(str(self.home), {}), theirs.fileno())
        finally:
            theirs.close()

    def workroot(self) -> Path:
        """A fresh folder for one run's work folders, where the zygote's children can see it."""
        return Path(tempfile.mkdtemp(prefix="nnlab-run-", dir=self.home))

    def start(self, workdir: Path, job: Path, result_fd: int, limits: Limits, env: dict[str, str]) -> WarmChild:
        """Fork a child that confines itself at this zygote's level and runs ``job``."""
        jail_level = "unshare" if self.level == "bwrap" else self.level
        spec, inside = launch.prepare(workdir, jail_level)
        self.runs += 1
        request = {"n": self.runs, "cwd": str(workdir), "jail": spec, "caps": launch.caps(limits), "env": launch.child_env(inside, env)}
        with open(job, "rb") as job_file:
            try:
                socket.send_fds(self.sock, [json.dumps(request).encode()], [result_fd, job_file.fileno()])
                answer = self.sock.recv(4096)
            except OSError as exc:
                self.close()
                raise WorkerGone(str(exc)) from exc
        if answer != b'{"started": true}':
            self.close()
            raise WorkerGone("the warm worker did not answer")
        return WarmChild(self, self.runs)

    def close(self) -> None:
        """Stop the zygote (its home stays until the grader exits: a run may still use it)."""
        self.sock.close()
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()


    def alive(self) -> bool:
        return self.sock.fileno() >= 0 and self.proc.poll() is None


class _Mine:
    """A thread's zygotes by level; they stop when the thread ends."""

    def __init__(self) -> None:
        self.zygotes: dict[str, Zygote] = {}

    def __del__(self) -> None:
        for z in self.zygotes.values():
            z.close()


def _bwrap_for_zygote(home: Path) -> list[str]:
    """bubblewrap's arguments for a zygote: its home at its own path (so the grader and the
    children name work folders alike) and the machine's ``/proc`` in place of bubblewrap's own,
    which covers parts of it and so keeps a child from mounting the ``/proc`` of its new PID
    namespace (and a read-only one keeps it from writing its user namespace's id maps). The zygote
    runs no student code, unlike the unshare level's it is confined, and no child's root holds any
    of this."""
    cmd = launch.bwrap_prefix(home, launch.require_bwrap(), str(home))
    at = cmd.index("--proc")
    return cmd[:at] + ["--bind", "/proc", "/proc"] + cmd[at + 2:]


_local = threading.local()
_all: list[Zygote] = []
_broken: dict[str, str] = {}  # level: why its warm worker cannot fork a working child here


def zygote(level: str) -> Zygote | None:
    """This thread's warm worker at ``level`` (a new one when it has none or it went away); None
    where warm workers are off or cannot work at ``level`` on this machine (then: fresh children)."""
    if not enabled() or level in _broken:
        return None
    mine = _local.__dict__.setdefault("mine", _Mine()).zygotes
    found = mine.get(level)
    if found is None or not found.alive():
        try:
            found = Zygote(level)
        except (OSError, launch.IsolationError) as exc:
            _broken[level] = str(exc)
            return None
        _all.append(found)
        why = launch.trial(lambda workdir, job, fd: found.start(workdir, job, fd, Limits(), {}), found.workroot())
        if why:
            found.close()
            _broken[level] = why
            return None
        mine[level] = found
    return found


def enabled() -> bool:
    """Warm workers unless ``NNLAB_WARM=0`` (a fresh interpreter per run, to compare)."""
    return os.environ.get("NNLAB_WARM", "1").strip() != "0"


@atexit.register
def _close_all() -> None:
    for z in _all:
        z.close()
        shutil.rmtree(z.home, ignore_errors=True)
