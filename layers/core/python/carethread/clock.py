"""The one clock. Every rule takes `now` as an argument; services read it from a `Clock`.

Production uses `SystemClock`; tests and the local runtime install another with `set_clock`
so that every handler in the process sees the same moved time.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to (tests)."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = at

    def advance(self, **delta: float) -> datetime:
        self._at = self._at + timedelta(**delta)
        return self._at


class RunningClock:
    """Runs in real time from wherever it was last set (the local runtime); forward only."""

    def __init__(self, at: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._offset = timedelta(0) if at is None else at - datetime.now(UTC)

    def now(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    def set(self, at: datetime) -> datetime:
        with self._lock:
            current = datetime.now(UTC) + self._offset
            if at < current:
                raise ValueError("the clock only moves forward")
            self._offset = at - datetime.now(UTC)
            return at

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += timedelta(seconds=seconds)
            return datetime.now(UTC) + self._offset


_installed: Clock = SystemClock()


def get_clock() -> Clock:
    """The process-wide clock (production default: the system clock)."""
    return _installed


def set_clock(clock: Clock) -> None:
    """Install the clock every service in this process reads (tests, local runtime)."""
    global _installed
    _installed = clock


def utc_now() -> datetime:
    return _installed.now()
