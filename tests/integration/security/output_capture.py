"""Everything a Lambda would put in CloudWatch, captured: our Powertools logger's JSON lines
(its handler's stream is swapped for a buffer), every standard `logging` record at INFO and
above from any library (rendered with arguments, extra fields and tracebacks), and every
write to stdout/stderr (metrics' EMF blobs are `print`ed)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from carethread.observability import logger

_RENDER = logging.Formatter("%(name)s %(levelname)s %(message)s")


@dataclass
class Emitted:
    capfd: pytest.CaptureFixture[str]
    caplog: pytest.LogCaptureFixture
    ours: io.StringIO
    extra: list[str] = field(default_factory=list)  # e.g. exceptions handed to the runtime

    def text(self) -> str:
        out, err = self.capfd.readouterr()
        self.extra += [out, err]
        records = [f"{_RENDER.format(record)} {vars(record)}" for record in self.caplog.records]
        return "\n".join([self.ours.getvalue(), *records, *self.extra])


@pytest.fixture
def emitted(capfd, caplog) -> Iterator[Emitted]:
    caplog.set_level(logging.INFO)
    buffer = io.StringIO()
    handlers = [h for h in logger._logger.handlers if isinstance(h, logging.StreamHandler)]
    previous = [h.setStream(buffer) for h in handlers]
    try:
        yield Emitted(capfd, caplog, buffer)
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            if stream is not None:
                handler.setStream(stream)


def leaks(text: str, secrets: set[str]) -> set[str]:
    """The secrets that appear in `text` (case-insensitive)."""
    lowered = text.lower()
    return {secret for secret in secrets if secret.lower() in lowered}
