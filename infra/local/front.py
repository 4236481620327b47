"""The HTTP front door on 127.0.0.1: a threading HTTP/1.1 server that hands each request to
the runtime (local endpoints, or the gateway and the API function)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from carethread.domain.errors import BodyTooLarge
from carethread.observability import logger

from infra.local.gateway import HttpRequest, HttpResponse, gateway_problem, problem_response

Dispatch = Callable[[HttpRequest], HttpResponse]
# API Gateway's payload limit; the API function enforces its own, smaller one.
MAX_BODY_BYTES = 10 * 1024 * 1024


def _handler_class(dispatch: Dispatch) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "CareThreadLocal"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY_BYTES:
                self._send(gateway_problem(BodyTooLarge, "body_too_large", "Too large."))
                self.close_connection = True
                return
            request = HttpRequest(
                method=self.command,
                target=self.path,
                headers=list(self.headers.items()),
                body=self.rfile.read(length) if length else b"",
            )
            try:
                response = dispatch(request)
            except Exception as error:
                logger.exception("local runtime failed", error_type=type(error).__name__)
                response = problem_response(500, "internal_error", "Internal error", "See logs.")
            self._send(response)

        def _send(self, response: HttpResponse) -> None:
            self.send_response(response.status)
            for name, value in response.headers:
                if name.lower() not in ("content-length", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = _serve

        def log_message(self, format: str, *args: object) -> None:
            # Request lines carry ids in paths; the handlers log what matters.
            return

    return Handler


class FrontServer:
    def __init__(self, host: str, port: int, dispatch: Dispatch) -> None:
        self._server = ThreadingHTTPServer((host, port), _handler_class(dispatch))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="carethread-front",
            daemon=True,
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
