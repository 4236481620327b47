"""The local-only endpoints (API.md, "Local runtime only"): tokens, the clock, the sweep,
platform events, the emails SES accepted, and the API's own documentation."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from carethread.timefmt import format_instant, parse_instant

from infra.local import docs_page
from infra.local.authority import MAX_LIFETIME_S, TokenAuthority
from infra.local.gateway import HttpRequest, HttpResponse, problem_response


class Controls(Protocol):
    authority: TokenAuthority

    def now(self) -> datetime: ...
    def move_clock(self, *, to: datetime | None, advance_seconds: float | None) -> datetime: ...
    def run_sweep(self) -> dict[str, int]: ...
    def deliver_event(
        self, detail_type: str, detail: dict[str, Any], source: str | None
    ) -> dict[str, Any]: ...
    def emails(self) -> list[dict[str, Any]]: ...
    def openapi(self, base_url: str) -> dict[str, Any]: ...


# A century: far enough for any care timeline, short of datetime's year 9999.
MAX_ADVANCE_S = 100 * 365 * 24 * 3600


class BadRequest(Exception):
    pass


def invalid(detail: str) -> HttpResponse:
    return problem_response(400, "invalid_request", "Invalid request", detail)


class LocalEndpoints:
    def __init__(self, controls: Controls) -> None:
        self._controls = controls
        self._routes: dict[tuple[str, str], Callable[[HttpRequest], HttpResponse]] = {
            ("POST", "/_local/tokens"): self._token,
            ("GET", "/_local/clock"): self._clock,
            ("POST", "/_local/clock"): self._move_clock,
            ("POST", "/_local/sweep"): self._sweep,
            ("POST", "/_local/events"): self._event,
            ("GET", "/_local/emails"): self._emails,
            ("GET", "/_local/jwks.json"): self._jwks,
            ("GET", "/openapi.json"): self._openapi,
            ("GET", "/docs"): lambda _: docs_page.page(),
            ("GET", "/"): lambda _: HttpResponse(302, [("Location", "/docs")], b""),
        }

    def handles(self, path: str) -> bool:
        return path.startswith(("/_local/", "/docs")) or path in ("/openapi.json", "/")

    def handle(self, request: HttpRequest) -> HttpResponse:
        path = request.target.split("?", 1)[0]
        if path.startswith("/docs/") and request.method == "GET":
            return docs_page.asset(path.removeprefix("/docs/"))
        route = self._routes.get((request.method, path))
        if route is None:
            allowed = {method for method, p in self._routes if p == path}
            if not allowed:
                return problem_response(404, "not_found", "Not found", "There is nothing here.")
            return problem_response(
                405, "method_not_allowed", "Method not allowed", f"Use {', '.join(allowed)}."
            )
        try:
            return route(request)
        except BadRequest as error:
            return invalid(str(error))

    def _token(self, request: HttpRequest) -> HttpResponse:
        body = _json_object(request)
        person_id, role = body.get("person_id"), body.get("role")
        lifetime = body.get("expires_in", None)
        if not isinstance(person_id, str) or not isinstance(role, str):
            raise BadRequest('Send {"person_id", "role"}.')
        if lifetime is not None and (
            not isinstance(lifetime, int)
            or isinstance(lifetime, bool)
            or not 1 <= lifetime <= MAX_LIFETIME_S
        ):
            raise BadRequest(f"expires_in is seconds, 1 to {MAX_LIFETIME_S}.")
        try:
            options = {} if lifetime is None else {"lifetime_s": lifetime}
            token = self._controls.authority.issue(person_id, role, **options)
        except ValueError as error:
            raise BadRequest(str(error)) from error
        return HttpResponse.json(200, {"token": token})

    def _clock(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse.json(200, {"now": format_instant(self._controls.now())})

    def _move_clock(self, request: HttpRequest) -> HttpResponse:
        body = _json_object(request)
        if set(body) not in ({"now"}, {"advance_seconds"}):
            raise BadRequest('Send exactly one of {"now"} or {"advance_seconds"}.')
        to, advance = body.get("now"), body.get("advance_seconds")
        try:
            instant = parse_instant(to) if isinstance(to, str) else None
        except ValueError as error:
            raise BadRequest("now must be an RFC 3339 time with a zone.") from error
        if "now" in body and instant is None:
            raise BadRequest("now must be an RFC 3339 time with a zone.")
        if "advance_seconds" in body and not _seconds(advance):
            raise BadRequest(f"advance_seconds must be 0 to {MAX_ADVANCE_S} seconds.")
        try:
            now = self._controls.move_clock(to=instant, advance_seconds=advance)
        except (ValueError, OverflowError) as error:
            raise BadRequest("The clock only moves forward.") from error
        return HttpResponse.json(200, {"now": format_instant(now)})

    def _sweep(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse.json(200, self._controls.run_sweep())

    def _event(self, request: HttpRequest) -> HttpResponse:
        body = _json_object(request)
        detail_type, detail, source = (
            body.get("detail-type"),
            body.get("detail"),
            body.get("source"),
        )
        if not isinstance(detail_type, str) or not isinstance(detail, dict):
            raise BadRequest('Send {"detail-type": "...", "detail": {...}}.')
        if source is not None and not isinstance(source, str):
            raise BadRequest("source must be a string.")
        # "accepted": the rule delivered it; the handler's own outcome says whether it applied
        # (a rejected event is in the dead-letter queue, as deployed).
        outcome = self._controls.deliver_event(detail_type, detail, source)
        return HttpResponse.json(202, {"accepted": True, **outcome})

    def _emails(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse.json(200, self._controls.emails())

    def _jwks(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse.json(200, self._controls.authority.jwks)

    def _openapi(self, request: HttpRequest) -> HttpResponse:
        host = request.header("Host") or "127.0.0.1"
        return HttpResponse.json(200, self._controls.openapi(f"http://{host}"))


def _seconds(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and 0 <= value <= MAX_ADVANCE_S


def _json_object(request: HttpRequest) -> dict[str, Any]:
    try:
        value = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as error:
        raise BadRequest("The request body is not valid JSON.") from error
    if not isinstance(value, dict):
        raise BadRequest("Send a JSON object.")
    return value
