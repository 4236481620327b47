"""The demo practice `make run` loads: every care situation, fed through the real API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infra.local.runtime import LocalRuntime, Options
from tests.local.conftest import START
from tests.local.http_client import RuntimeClient


@pytest.fixture(scope="module")
def demo() -> Iterator[RuntimeClient]:
    runtime = LocalRuntime(Options(port=0, start_at=START)).start()
    try:
        runtime.load_demo()
        yield RuntimeClient(runtime.url)
    finally:
        runtime.stop()


def _roster(client: RuntimeClient, provider_id: str) -> dict[str, tuple[str, str]]:
    token = client.token(provider_id, "provider")
    reply = client.call("GET", "/v1/clients?status=all", token=token)
    assert reply.status == 200, reply
    return {c["client_id"]: (c["status"], c["status_reason"]) for c in reply.json["items"]}


def test_the_demo_practice_covers_every_care_situation(demo):
    # when
    rivera, chen, okafor = (_roster(demo, p) for p in ("dr-rivera", "dr-chen", "dr-okafor"))

    # then
    assert rivera["jordan"][0] == "current"
    assert rivera["alex"] == ("past", "no_recent_visit")
    assert chen["jordan"][0] == "current"  # Jordan and Sam are shared by Rivera and Chen
    assert chen["sam"][0] == "current"
    assert chen["casey"] == ("current", "rematched_grace")
    assert okafor["maya"] == ("current", "upcoming_appointment")
    assert okafor["riley"] == ("current", "initial_canceled_grace")


def test_the_demo_practice_has_unread_messages(demo):
    # when
    reply = demo.call("GET", "/v1/unread", token=demo.token("jordan", "client"))

    # then
    assert reply.json["total"] == 1
