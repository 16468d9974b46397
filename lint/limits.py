"""Time limits on untrusted work: a rule's run on one file (its regular expressions come
from rule files, and a pattern can backtrack for hours on one paragraph) and third-party
parsers of published reports (a PDF's content streams can keep pdfminer busy as long).

In the main thread, while `ticking()` is open, an interval timer ticks every TICK
seconds and its handler raises Overrun once the current limit's deadline has passed.
That stops a regular expression inside C too (the `regex` module checks for signals
while it matches) and costs nothing per call. The alternative, `timeout=` on every
regex call, asks the clock on each call (a system call on some virtual machines: 8% of
the time of linting a dense draft). Where no timer can tick — another thread, Windows,
a timer someone else set — callers pass per-call timeouts (`regex_timeout`: the
limit's time left), and readers call `check()` between units of work.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

TICK = 0.05  # seconds between checks: how far past its deadline work can run
READ_TIMEOUT = 60.0  # seconds a published report (PDF, web page) may take to read


class Overrun(BaseException):
    """The work ran past its limit. A BaseException, so that no `except Exception` (a
    parser's) or `except OSError` (TimeoutError is one) on the way takes it for its own."""


TIMED_OUT = (Overrun, TimeoutError)  # what a caller catches: the timer's, or a regex call's own timeout


class _State(threading.local):
    deadline: float | None = None
    ticking = False


_state = _State()


def _tick(signum, frame) -> None:
    deadline = _state.deadline
    if deadline is not None and time.monotonic() > deadline:
        _state.deadline = None
        raise Overrun()


def _can_tick() -> bool:
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))  # never take over someone's timer


@contextmanager
def ticking():
    """Let the limits set inside be enforced by the timer, when this thread can have one."""
    if _state.ticking or not _can_tick():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _tick)
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    _state.ticking = True
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _state.ticking = False
        _state.deadline = None
        _put_back(previous)


def _put_back(previous) -> None:
    """The handler as it was. Under the default action a tick still on its way when the
    timer stopped would end the process (valgrind delivers them late), so it is taken
    first; where the platform cannot (no sigtimedwait: macOS) _tick stays, finding no
    deadline and doing nothing."""
    if previous is None:
        return  # set from outside Python: not ours to touch
    if previous is not signal.SIG_DFL:
        signal.signal(signal.SIGALRM, previous)
    elif hasattr(signal, "sigtimedwait"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        try:
            signal.sigtimedwait({signal.SIGALRM}, 0)
            signal.signal(signal.SIGALRM, previous)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})


class limit:  # noqa: N801 - used as a context manager, like contextlib's
    """`with limit(seconds) as bound:` the work inside may take `seconds`; past them,
    Overrun from the timer when it ticks, else TimeoutError from the per-call
    timeouts or Overrun from `bound.check()` of the work itself. (A class, not a
    generator: a file's fifty rules each enter one.)"""

    __slots__ = ("seconds", "end", "_outer")

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def __enter__(self) -> limit:
        self._outer = _state.deadline
        _state.deadline = self.end
        return self

    def __exit__(self, *exc) -> None:
        _state.deadline = self._outer

    def check(self) -> None:
        """For work done in steps: Overrun once its time is up."""
        if time.monotonic() > self.end:
            raise Overrun()


def regex_timeout(default: float | None) -> float | None:
    """What to pass as a regex call's `timeout`: nothing when the timer stops the current
    limit's work, else the time that limit has left (`default` outside any limit)."""
    deadline = _state.deadline
    if deadline is None:
        return default
    return None if _state.ticking else max(0.001, deadline - time.monotonic())


@contextmanager
def paused():
    """One-time set-up (a dictionary built on first use) is not charged to the work
    that happens to need it first: the deadline moves by the time it took."""
    deadline, started = _state.deadline, time.monotonic()
    _state.deadline = None
    try:
        yield
    finally:
        _state.deadline = None if deadline is None else deadline + (time.monotonic() - started)
