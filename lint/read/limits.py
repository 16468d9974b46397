"""A time limit for readers that run third-party parsers on untrusted files (a PDF's
content streams can be built to keep pdfminer busy for hours on one page).

`deadline(seconds)` is a context manager giving a `Deadline`: the reader calls
`check()` between units of work (pages), and, in the main thread, an interval timer
interrupts a unit that runs past the limit by itself. Either way `ReadTimeout` is raised.
It derives from BaseException so that a parser's broad `except Exception` cannot
swallow it. Outside the main thread (the language server's workers) only `check()` holds.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

READ_TIMEOUT = 60.0  # seconds a published report (PDF, web page) may take to read


class ReadTimeout(BaseException):
    """Reading took longer than its limit."""


class Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise ReadTimeout(self.seconds)


def _interrupt(signum, frame):
    raise ReadTimeout()


@contextmanager
def deadline(seconds: float | None = None):
    seconds = READ_TIMEOUT if seconds is None else seconds
    limit = Deadline(seconds)
    timer = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
             and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))  # never take over someone's timer
    if not timer:
        yield limit
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield limit
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
