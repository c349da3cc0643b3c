"""Child processes end with the main one; a stopped run ends through its cleanup code.

A child that outlives a killed main process holds memory (a reader worker: hundreds of MB)
and, forked, both ends of every pipe, so it never sees an end-of-file and waits forever."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time

INTERRUPTED = 130  # the team's exit code for Ctrl-C and SIGTERM
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_WATCH_SECONDS = 0.5


def follow_parent(parent_pid: int | None = None) -> None:
    """In a child process: die when the parent dies, however it dies (SIGKILL, OOM kill).
    `parent_pid`: the parent where it is not the process that started this one (a child of
    a fork server).

    Leaves stopping to the parent: a Ctrl-C reaches the whole process group, and the parent
    stops its children as part of its own cleanup."""
    parent = multiprocessing.parent_process()
    expected = parent_pid or (parent.pid if parent is not None else os.getppid())
    for number in STOP_SIGNALS:  # a fork inherits the parent's raising handlers
        signal.signal(number, signal.SIG_IGN if number == signal.SIGINT else signal.SIG_DFL)
    if not _death_signal():
        _watch(expected)
    if os.getppid() != expected:  # the parent died before the death signal was armed
        os._exit(1)


def _death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(expected: int) -> None:
    """Where there is no death signal: a reparented child knows its parent is gone."""

    def watch() -> None:
        while os.getppid() == expected:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


class Interrupted(SystemExit):
    """Raised in the main thread by a stop signal, so that every `finally` and `with` runs
    (temporary files removed, children stopped) before the process exits with 130."""

    def __init__(self, number: int) -> None:
        super().__init__(INTERRUPTED)
        self.signal_name = signal.Signals(number).name


def stop_cleanly() -> None:
    """In the main process: turn stop signals into `Interrupted`; a second signal during
    the cleanup stops at once (the children still follow, by `follow_parent`)."""
    for number in STOP_SIGNALS:
        if signal.getsignal(number) is not signal.SIG_IGN:  # e.g. nohup: keep ignoring
            signal.signal(number, _raise)
    _follow_in_every_fork()


def _raise(number: int, frame) -> None:
    for other in STOP_SIGNALS:
        if signal.getsignal(other) is _raise:
            signal.signal(other, signal.SIG_DFL)
    raise Interrupted(number)


class _Hook:
    """multiprocessing keeps after-fork hooks only while their object lives."""


_HOOK = _Hook()


def _follow_in_every_fork() -> None:
    """Also children started outside this package's own code (the checksum process)."""
    from multiprocessing import util

    util.register_after_fork(_HOOK, lambda _hook: follow_parent())


def stop_children() -> None:
    """Kill the children still running (the last step of an interrupted run)."""
    for child in multiprocessing.active_children():
        child.kill()
        child.join(1)
