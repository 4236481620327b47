"""The deployed Lambda functions, loaded by their handler strings (as Lambda loads them) and
invoked one at a time, so stream and schedule pumping stays deterministic.

Every invocation runs on one worker thread, as in a Lambda execution environment: clients
that are cached per thread (PynamoDB's botocore session) are made once, not per request.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from infra.local.lambda_events import LambdaContext

# Function → handler string, as the stack names them (`<folder>.handler.lambda_handler`).
HANDLERS = {
    "api": "api.handler.lambda_handler",
    "notifier": "notifier.handler.lambda_handler",
    "sender": "sender.handler.lambda_handler",
    "sweep": "sweep.handler.lambda_handler",
    "care_events": "care_events.handler.lambda_handler",
}
TIMEOUTS_MS = {"sweep": 300_000, "notifier": 60_000}


def load_handler(handler: str) -> Callable[[dict[str, Any], Any], Any]:
    module_name, _, attribute = handler.rpartition(".")
    return getattr(importlib.import_module(module_name), attribute)  # type: ignore[no-any-return]


class Functions:
    """Invokes the real handlers; one lock serializes every invocation in the runtime."""

    def __init__(self, handlers: dict[str, str] | None = None) -> None:
        self._handlers = dict(handlers or HANDLERS)
        self._loaded: dict[str, Callable[[dict[str, Any], Any], Any]] = {}
        self.lock = threading.RLock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="carethread-lambda")

    def load_all(self) -> None:
        """Import every handler now, so a broken function fails at start, not mid-request."""
        for name in self._handlers:
            self._handler(name)

    def invoke(self, name: str, event: dict[str, Any]) -> Any:
        handler = self._handler(name)
        context = LambdaContext(
            function_name=f"carethread-{name.replace('_', '-')}",
            timeout_ms=TIMEOUTS_MS.get(name, 30_000),
        )
        with self.lock:
            return self._worker.submit(handler, event, context).result()

    def close(self) -> None:
        self._worker.shutdown(wait=True)

    def _handler(self, name: str) -> Callable[[dict[str, Any], Any], Any]:
        if name not in self._loaded:
            self._loaded[name] = load_handler(self._handlers[name])
        return self._loaded[name]
