"""Child processes that do not outlive the run that started them (render workers, LibreOffice).

On Linux the kernel ends them when their parent dies, even by SIGKILL (``PR_SET_PDEATHSIG``);
elsewhere, and as a second guard, a watchdog thread in each worker ends it once its parent is gone
(the worker is then re-parented, so its parent pid changes).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
WATCH_EVERY = 0.5  # seconds between two looks of the watchdog at the parent


def _kernel_death_signal() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux only)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_EVERY)
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: int) -> None:
    """Initializer of a worker process started by ``parent`` (its pid): end with it."""
    _kernel_death_signal()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="thidua-watchdog", daemon=True).start()


def child_dies_with_parent() -> None:
    """``preexec_fn`` of a subprocess (LibreOffice): the kernel ends it with its parent."""
    _kernel_death_signal()
