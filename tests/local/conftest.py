"""The local runtime, started in this process on a free port, once per test module.

Tests in a module share it, so each test uses its own people. moto's backends are
process-wide; xdist runs a worker's items in collection order, so no other module's test
(and its `mock_aws` reset) runs while a module's runtime is up.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from infra.local.runtime import LocalRuntime, Options
from tests.local.http_client import RuntimeClient

# The runtime's clock starts here and then runs in real time.
START = datetime(2026, 12, 3, 15, 0, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def runtime() -> Iterator[LocalRuntime]:
    started = LocalRuntime(Options(port=0, start_at=START)).start()
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def client(runtime: LocalRuntime) -> RuntimeClient:
    return RuntimeClient(runtime.url)
