"""AWS round trips per API operation, counted at the botocore client (not timed).

Runs the real API handler on an in-process moto account, a small practice fed through the
platform endpoints, and counts every AWS API call each operation makes.
Run: `make bench` (all benchmarks) or `.venv/bin/python -m benchmarks round_trips`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

os.environ.setdefault("AWS_ACCOUNT_ID_ENDPOINT_MODE", "disabled")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")  # keep the table readable
os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
for _name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
    os.environ.setdefault(_name, "testing")

import boto3  # noqa: E402
import botocore.client  # noqa: E402
from carethread.clock import FixedClock, set_clock  # noqa: E402
from carethread.data import keys, models  # noqa: E402
from moto import mock_aws  # noqa: E402

from tests.support.api_builders import call  # noqa: E402

NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
_calls: Counter[str] = Counter()


@contextmanager
def counting_aws_calls() -> Iterator[Counter[str]]:
    """Count botocore API calls (by operation name) made inside the block."""
    original = botocore.client.BaseClient._make_api_call

    def counted(self: Any, operation_name: str, api_params: Any) -> Any:
        _calls[operation_name] += 1
        return original(self, operation_name, api_params)

    _calls.clear()
    botocore.client.BaseClient._make_api_call = counted  # type: ignore[method-assign]
    try:
        yield _calls
    finally:
        botocore.client.BaseClient._make_api_call = original  # type: ignore[method-assign]


def measure(label: str, action: Callable[[], Any], rows: list[tuple[str, int, str]]) -> Any:
    with counting_aws_calls() as calls:
        result = action()
    detail = ", ".join(f"{name} {count}" for name, count in sorted(calls.items()))
    rows.append((label, sum(calls.values()), detail))
    return result


def _feed(rows: list[tuple[str, int, str]]) -> None:
    for person, role in (("prov_a", "provider"), ("prov_b", "provider"), ("cli_1", "client")):
        body = {"role": role, "display_name": f"Person {person}", "email": f"{person}@x.test"}
        measure(
            "PUT /v1/people/{id}",
            lambda p=person, b=body: call("PUT", f"/v1/people/{p}", "platform", "system", b),
            rows,
        )
    for appt, provider in (("ap_1", "prov_a"), ("ap_2", "prov_b")):
        body = {
            "provider_id": provider,
            "client_id": "cli_1",
            "starts_at": (NOW + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "status": "scheduled",
        }
        measure(
            "PUT /v1/appointments/{id}",
            lambda a=appt, b=body: call("PUT", f"/v1/appointments/{a}", "platform", "system", b),
            rows,
        )


def _messaging(rows: list[tuple[str, int, str]]) -> None:
    opened = measure(
        "POST /v1/threads (create)",
        lambda: call("POST", "/v1/threads", "prov_a", "provider", {"client_id": "cli_1"}),
        rows,
    )
    thread = opened.json["thread_id"]
    measure(
        "POST /v1/threads (existing)",
        lambda: call("POST", "/v1/threads", "prov_a", "provider", {"client_id": "cli_1"}),
        rows,
    )
    path = f"/v1/threads/{thread}/messages"
    send = {"body": "hello"}
    first = measure(
        "POST .../messages (first)",
        lambda: call("POST", path, "prov_a", "provider", send, {"Idempotency-Key": "k1"}),
        rows,
    )
    measure(
        "POST .../messages (reply)",
        lambda: call("POST", path, "cli_1", "client", send, {"Idempotency-Key": "k2"}),
        rows,
    )
    measure(
        "POST .../messages (replay)",
        lambda: call("POST", path, "prov_a", "provider", send, {"Idempotency-Key": "k1"}),
        rows,
    )
    reads: list[tuple[str, Callable[[], Any]]] = [
        ("GET /v1/threads/{id}", lambda: call("GET", f"/v1/threads/{thread}", "cli_1", "client")),
        ("GET .../messages", lambda: call("GET", path, "cli_1", "client")),
        (
            "POST .../read",
            lambda: call(
                "POST",
                f"/v1/threads/{thread}/read",
                "cli_1",
                "client",
                {"up_to_message_id": first.json["message_id"]},
            ),
        ),
        ("GET /v1/threads", lambda: call("GET", "/v1/threads", "prov_a", "provider")),
        ("GET /v1/unread", lambda: call("GET", "/v1/unread", "prov_a", "provider")),
        ("GET /v1/me", lambda: call("GET", "/v1/me", "prov_a", "provider")),
        ("GET /v1/clients", lambda: call("GET", "/v1/clients", "prov_a", "provider")),
        (
            "GET /v1/clients/{id}/care-team",
            lambda: call("GET", "/v1/clients/cli_1/care-team", "prov_a", "provider"),
        ),
        ("GET /v1/care-team", lambda: call("GET", "/v1/care-team", "cli_1", "client")),
    ]
    for label, action in reads:
        measure(label, action, rows)


def run() -> list[tuple[str, int, str]]:
    rows: list[tuple[str, int, str]] = []
    set_clock(FixedClock(NOW))
    with mock_aws():
        boto3.client("dynamodb").create_table(**keys.create_table_arguments("carethread-bench"))
        models.bind_table("carethread-bench", region="us-east-1", host=None)
        _feed(rows)
        _messaging(rows)
    return rows


def main() -> None:
    seen: set[str] = set()
    print("| operation | AWS calls | which |\n|---|---|---|")
    for label, total, detail in run():
        if label not in seen:  # repeated feed calls cost the same; show each operation once
            seen.add(label)
            print(f"| {label} | {total} | {detail} |")


if __name__ == "__main__":
    main()
