"""A small HTTP client for the local runtime's tests: real sockets, standard library only."""

from __future__ import annotations

import http.client
import json
from typing import Any, NamedTuple
from urllib.parse import urlsplit


class Reply(NamedTuple):
    status: int
    json: Any
    headers: dict[str, str]  # lower-cased names


class RuntimeClient:
    def __init__(self, base_url: str) -> None:
        split = urlsplit(base_url)
        self.host, self.port = split.hostname or "127.0.0.1", split.port or 80
        self._tokens: dict[tuple[str, str], str] = {}

    def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        data = None if body is None else json.dumps(body).encode()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=data, headers=all_headers)
            response = connection.getresponse()
            raw = response.read()
            reply_headers = {k.lower(): v for k, v in response.getheaders()}
        finally:
            connection.close()
        is_json = "json" in reply_headers.get("content-type", "")
        return Reply(response.status, json.loads(raw) if raw and is_json else raw, reply_headers)

    def token(self, person_id: str, role: str) -> str:
        """A token from POST /_local/tokens (one per person and role)."""
        if (person_id, role) not in self._tokens:
            body = {"person_id": person_id, "role": role}
            reply = self.call("POST", "/_local/tokens", body=body)
            assert reply.status == 200, reply
            self._tokens[person_id, role] = str(reply.json["token"])
        return self._tokens[person_id, role]

    def advance(self, seconds: float) -> str:
        reply = self.call("POST", "/_local/clock", body={"advance_seconds": seconds})
        assert reply.status == 200, reply
        return str(reply.json["now"])

    def emails(self) -> list[dict[str, Any]]:
        reply = self.call("GET", "/_local/emails")
        assert reply.status == 200, reply
        return list(reply.json)
