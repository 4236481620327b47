"""What `make run` prints once it is ready: where it answers, and how to try it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from carethread.timefmt import format_instant

from infra.local.demo import FEED_ID, PEOPLE

Token = Callable[[str, str], str]


def env_name(person_id: str) -> str:
    return "TOKEN_" + person_id.upper().replace("-", "_")


def banner(url: str, now: datetime, token: Token | None) -> str:
    clock = format_instant(now.replace(microsecond=0))
    lines = [
        "",
        f"CareThread is running at {url}  (AWS emulated by moto; clock {clock})",
        f"  Swagger UI  {url}/docs",
        f"  OpenAPI     {url}/openapi.json",
        f"  Emails      {url}/_local/emails    Clock  {url}/_local/clock",
        f'  Tokens      POST {url}/_local/tokens {{"person_id": "...", "role": "..."}}',
        "",
    ]
    if token is None:
        lines += ["No demo data (SEED=0). Ctrl-C stops it.", ""]
        return "\n".join(lines)
    lines.append("Demo practice: paste these into your shell (tokens are valid for 12 hours):")
    for person in PEOPLE:
        value = token(person.person_id, person.role)
        lines.append(f"export {env_name(person.person_id)}={value}")
        lines.append(f"  # {person.role:<8} {person.display_name}: {person.story}")
    lines.append(f"export {env_name(FEED_ID)}={token(FEED_ID, 'system')}")
    lines.append("  # system   the scheduling platform's feed")
    rivera = env_name("dr-rivera")
    lines += [
        "",
        "Try:",
        f'curl -s -H "Authorization: Bearer ${rivera}" {url}/v1/clients',
        f"curl -s -X POST {url}/_local/clock -H 'Content-Type: application/json' "
        "-d '{\"advance_seconds\": 300}'",
        "",
        "Ctrl-C stops it.",
        "",
    ]
    return "\n".join(lines)
