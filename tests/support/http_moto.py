"""A moto server on a free loopback port, for tests that need real concurrency over HTTP.

moto applies each request's writes without isolation (a failed transaction even restores a
snapshot of the whole table taken when it started), so parallel requests can corrupt each
other inside moto. DynamoDB makes every request atomic; the server here restores that by
handling one request at a time. Our code's own races — read, then conditional write, from
many threads — still interleave freely between requests, which is what the tests exercise.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from carethread.data import keys, models
from moto.server import ThreadedMotoServer


class _OneRequestAtATime:
    def __init__(self, app: Callable[..., Any]) -> None:
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        with self._lock:
            # Drain the response inside the lock: the work happens while it is produced.
            return list(self._app(environ, start_response))


@contextmanager
def http_table(region: str = "us-east-1") -> Iterator[str]:
    """Start a moto server, create a fresh single table on it, bind the models to it."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    server._server.app = _OneRequestAtATime(server._server.app)  # type: ignore[union-attr]
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    table_name = f"carethread-http-{uuid.uuid4().hex[:8]}"
    boto3.client("dynamodb", region_name=region, endpoint_url=endpoint).create_table(
        **keys.create_table_arguments(table_name)
    )
    models.bind_table(table_name, region=region, host=endpoint)
    try:
        yield table_name
    finally:
        server.stop()
