"""Confine the child process before it reads any student code (runs inside the child, stdlib only).

The parent starts ``python -I -c BOOT <result-fd> <limits> <jail>``; :func:`enter` reads the jail
spec (JSON: level, readable paths, work folder, whether to drop root's capabilities), confines
this process and then runs :func:`nnlab.sandbox.child.main`.

- ``bwrap``: bubblewrap has built the mount, PID and network view already; only the system-call
  filter is added here.
- ``unshare``: the same view built here, the way bubblewrap builds it: new user, mount, PID,
  network, IPC and UTS namespaces; a fresh tmpfs root holding read-only binds of the allow-list,
  the work folder at ``/sandbox``; ``pivot_root`` into it and the old root detached; a small init
  as PID 1 that relays how the worker ended (PID 1 itself would survive its own ``SIGKILL``);
  every capability dropped in the worker.
- ``landlock``: no namespaces; a Landlock allow-list (read the allow-list, write only the work
  folder, no TCP, no signals or abstract sockets outside the sandbox where the kernel has them).
- ``plain``: resource limits only.

Every level except ``plain`` adds a seccomp filter: no sockets but Unix ones, no ptrace, no
reading another process's memory, no new namespaces, mounts, io_uring, BPF or kernel keys, no
leaving the child's process group, no ``kill(-1, ...)``.
"""
from __future__ import annotations

import ctypes
import json
import os
import platform
import signal
import struct
import sys
from typing import Any

SANDBOX_HOME = "/sandbox"
DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")
INSIDE_UID = 65534  # the child's user inside its own user namespace ("nobody")

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]

# Linux constants (include/uapi/linux/{sched,mount,prctl,capability,landlock,seccomp,filter,audit}.h)
CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC, MS_PRIVATE, MS_RELATIME = 1024, 2048, 4096, 16384, 1 << 18, 1 << 21
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 1, 24, 28, 38, 47
PR_SET_SECCOMP, SECCOMP_MODE_FILTER, PR_CAP_AMBIENT_CLEAR_ALL = 22, 2, 4
SECBIT_NOROOT_ALL = 0b100011  # NOROOT, NOROOT_LOCKED, KEEP_CAPS_LOCKED: uid 0 gains nothing from execve

SYSCALLS = {  # per architecture: audit arch, then the numbers this module needs or blocks
    "x86_64": (0xC000003E, {"pivot_root": 155, "capset": 126, "socket": 41, "ptrace": 101,
                            "process_vm_readv": 310, "process_vm_writev": 311, "keyctl": 250, "add_key": 248,
                            "request_key": 249, "bpf": 321, "perf_event_open": 298, "userfaultfd": 323,
                            "unshare": 272, "setns": 308, "mount": 165, "umount2": 166, "chroot": 161,
                            "io_uring_setup": 425, "kexec_load": 246, "init_module": 175, "finit_module": 313,
                            "setsid": 112, "setpgid": 109, "kill": 62}),
    "aarch64": (0xC00000B7, {"pivot_root": 41, "capset": 91, "socket": 198, "ptrace": 117,
                             "process_vm_readv": 270, "process_vm_writev": 271, "keyctl": 219, "add_key": 217,
                             "request_key": 218, "bpf": 280, "perf_event_open": 241, "userfaultfd": 282,
                             "unshare": 97, "setns": 268, "mount": 40, "umount2": 39, "chroot": 51,
                             "io_uring_setup": 425, "kexec_load": 104, "init_module": 105, "finit_module": 273,
                             "setsid": 157, "setpgid": 154, "kill": 129}),
}
BLOCKED = ("ptrace", "process_vm_readv", "process_vm_writev", "keyctl", "add_key", "request_key", "bpf",
           "perf_event_open", "userfaultfd", "unshare", "setns", "mount", "umount2", "pivot_root", "chroot",
           "io_uring_setup", "kexec_load", "init_module", "finit_module",
           "setsid", "setpgid")  # a new session or group would escape the grader's kill of the child's group
LANDLOCK_CREATE_RULESET, LANDLOCK_ADD_RULE, LANDLOCK_RESTRICT_SELF = 444, 445, 446  # same on every arch
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1, 2, 4, 8
FS_FILE_ONLY = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | (1 << 14) | (1 << 15)  # + TRUNCATE, IOCTL_DEV
FS_BITS_BY_ABI = {1: 13, 2: 14, 3: 15, 4: 15, 5: 16}  # how many access bits each ABI knows


class JailError(OSError):
    """The kernel refused a confinement step; the child reports it and exits."""


def _check(result: int, what: str) -> int:
    if result < 0:
        err = ctypes.get_errno()
        raise JailError(err, f"{what}: {os.strerror(err)}")
    return result


def _prctl(*args: int) -> None:
    _check(_libc.prctl(*[ctypes.c_ulong(a) for a in args]), f"prctl{args[:1]}")


def _arch() -> tuple[int, dict[str, int]] | None:
    return SYSCALLS.get(platform.machine())


# ---- capabilities -------------------------------------------------------------------------------

def drop_capabilities(root: bool) -> None:
    """Drop every capability for good; as uid 0 also make execve grant none back."""
    if root:
        _prctl(PR_SET_SECUREBITS, SECBIT_NOROOT_ALL)
    try:
        last = int(open("/proc/sys/kernel/cap_last_cap").read())
    except OSError:
        last = 63
    for cap in range(last + 1):
        _libc.prctl(ctypes.c_ulong(PR_CAPBSET_DROP), ctypes.c_ulong(cap), 0, 0, 0)
    _libc.prctl(ctypes.c_ulong(PR_CAP_AMBIENT), ctypes.c_ulong(PR_CAP_AMBIENT_CLEAR_ALL), 0, 0, 0)
    header = struct.pack("Ii", 0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = ctypes.create_string_buffer(24)  # two zeroed {effective, permitted, inheritable}
    arch = _arch()
    if arch:
        _check(_libc.syscall(arch[1]["capset"], ctypes.c_char_p(header), data), "capset")
    _prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)


# ---- seccomp --------------------------------------------------------------------------------------

def _bpf(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def install_syscall_filter() -> None:
    """A seccomp filter: no socket but AF_UNIX, and none of :data:`BLOCKED`; other syscalls run."""
    arch = _arch()
    if arch is None:
        return
    audit, numbers = arch
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06
    allow, kill = 0x7FFF0000, 0x80000000
    eperm, eacces = 0x00050000 | 1, 0x00050000 | 13
    blocked = [numbers[n] for n in BLOCKED]
    n = len(blocked)
    prog = [_bpf(ld, 0, 0, 4), _bpf(jeq, 1, 0, audit), _bpf(ret, 0, 0, kill),  # 0-2: right architecture
            _bpf(ld, 0, 0, 0), _bpf(jge, 0, 1, 0x40000000), _bpf(ret, 0, 0, eperm)]  # 3-5: no x32 calls
    prog += [_bpf(jeq, n - i + 2, 0, nr) for i, nr in enumerate(blocked)]  # 6..: to the EPERM at 9 + n
    prog += [_bpf(jeq, 3, 0, numbers["socket"]), _bpf(jeq, 6, 0, numbers["kill"]),  # to 10 + n, 14 + n
             _bpf(ret, 0, 0, allow), _bpf(ret, 0, 0, eperm),
             _bpf(ld, 0, 0, 16), _bpf(jeq, 0, 1, 1), _bpf(ret, 0, 0, allow), _bpf(ret, 0, 0, eacces),  # AF_UNIX only
             _bpf(ld, 0, 0, 16), _bpf(jeq, 0, 1, 0xFFFFFFFF), _bpf(ret, 0, 0, eperm), _bpf(ret, 0, 0, allow)]  # kill(-1)
    code = b"".join(prog)
    buf = ctypes.create_string_buffer(code, len(code))
    fprog = struct.pack("HxxxxxxQ", len(prog), ctypes.addressof(buf))
    _prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    _check(_libc.prctl(ctypes.c_ulong(PR_SET_SECCOMP), ctypes.c_ulong(SECCOMP_MODE_FILTER),
                       ctypes.c_char_p(fprog), 0, 0), "seccomp")


# ---- landlock -------------------------------------------------------------------------------------

def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 where Landlock is missing or disabled."""
    return max(0, _libc.syscall(LANDLOCK_CREATE_RULESET, None, 0, 1))


def restrict_paths(readable: list[str], writable: list[str]) -> None:
    """Landlock: read ``readable``, read and write ``writable``, nothing else; no TCP, and (ABI 6+)
    no signals or abstract Unix sockets to anything outside this process and its children."""
    abi = landlock_abi()
    if abi < 1:
        raise JailError(95, "Landlock is not available in this kernel")
    handled = (1 << FS_BITS_BY_ABI.get(abi, 16)) - 1
    attr = struct.pack("QQQ", handled, 3 if abi >= 4 else 0, 3 if abi >= 6 else 0)
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    ruleset = _check(_libc.syscall(LANDLOCK_CREATE_RULESET, ctypes.c_char_p(attr), size, 0), "landlock ruleset")
    read = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR
    for paths, access in ((readable, read), (writable, handled), (list(DEVICES), FS_FILE_ONLY & ~FS_EXECUTE)):
        for path in paths:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            allowed = access & handled & (FS_FILE_ONLY if not os.path.isdir(path) else ~0)
            rule = struct.pack("=Qi", allowed, fd)
            _check(_libc.syscall(LANDLOCK_ADD_RULE, ruleset, 1, ctypes.c_char_p(rule), 0), f"landlock rule {path}")
            os.close(fd)
    _prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    _check(_libc.syscall(LANDLOCK_RESTRICT_SELF, ruleset, 0), "landlock restrict")
    os.close(ruleset)


# ---- namespaces -----------------------------------------------------------------------------------

def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), flags, enc(data)), f"mount {target}")


def _locked_flags(path: str) -> int:
    """Flags a remount inside a user namespace must keep (the kernel locks them)."""
    f = os.statvfs(path).f_flag
    pairs = ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
             (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME), (os.ST_RELATIME, MS_RELATIME))
    return sum(ms for st, ms in pairs if f & st)


def _bind(source: str, target: str, writable: bool = False) -> None:
    """Bind ``source`` at ``target`` (read-only unless ``writable``), making the mount point;
    a missing ``source`` is skipped, a symbolic link is copied as a link."""
    if not os.path.lexists(source):
        return
    if os.path.islink(source) and not os.path.lexists(target):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.symlink(os.readlink(source), target)
        return
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            open(target, "w").close()
    _mount(source, target, None, MS_BIND | MS_REC)
    keep = _locked_flags(target)
    nodev = 0 if source.startswith("/dev/") else MS_NODEV
    _mount(None, target, None, MS_BIND | MS_REMOUNT | MS_NOSUID | nodev | keep | (0 if writable else MS_RDONLY))


def _exit_code(status: int) -> int:
    return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _relay(pid: int) -> None:
    """Wait for ``pid`` and exit as it did (a signal becomes 128 + its number)."""
    while True:
        try:
            reaped, status = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(0)
        if reaped == pid:
            os._exit(_exit_code(status))


def enter_namespaces(readable: list[str], workdir: str, newroot: str) -> None:
    """Move into fresh namespaces and a root holding only ``readable`` (read-only) and the work
    folder; returns in the worker process, below an init that relays its end to the parent."""
    uid, gid = os.getuid(), os.getgid()
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS),
           "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{INSIDE_UID} {uid} 1"),
                       ("gid_map", f"{INSIDE_UID} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as f:
            f.write(text)
    init = os.fork()
    if init:
        _relay(init)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # PID 1 of the new namespace: its end ends every process in it
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", newroot, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
    os.makedirs(newroot + "/proc")
    try:
        _mount("proc", newroot + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except JailError:
        pass  # a container that masks parts of /proc forbids a new one; Python runs without it
    os.makedirs(newroot + "/tmp")  # before the binds: an installation may live under /tmp
    _mount("tmpfs", newroot + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=64m")
    for path in readable:
        _bind(path, newroot + path)
    for dev in DEVICES:
        _bind(dev, newroot + dev, writable=True)
    _bind(workdir, newroot + SANDBOX_HOME, writable=True)
    os.chdir(newroot)
    arch = _arch()
    if arch is None:
        raise JailError(95, f"no pivot_root number known for {platform.machine()}")
    _check(_libc.syscall(arch[1]["pivot_root"], b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "detach the old root")
    os.chdir("/")
    _mount(None, "/", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(SANDBOX_HOME)
    worker = os.fork()
    if worker:
        _relay(worker)  # as PID 1; when it exits, the kernel kills whatever the worker left running
    drop_capabilities(root=False)


# ---- entry ----------------------------------------------------------------------------------------

def confine(spec: dict[str, Any]) -> None:
    """Apply the jail that ``spec`` describes to this process."""
    level = spec["level"]
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # never outlive the grader
    if level == "unshare":
        enter_namespaces(spec["readable"], spec["workdir"], spec["newroot"])
    elif level == "landlock" and spec.get("drop_root"):
        drop_capabilities(root=True)
    if level == "landlock":
        restrict_paths(spec["readable"] + ["/proc/self", "/sys/devices/system/cpu"], [spec["workdir"]])
    if level != "plain":
        install_syscall_filter()


def enter() -> None:
    """Entry point of the child: confine, then run the child protocol."""
    try:
        confine(json.loads(sys.argv[3]))
    except OSError as exc:
        sys.stderr.write(f"nnlab jail: {exc}\n")
        os._exit(97)
    from nnlab.sandbox.child import main
    main()
