"""The platform feed over HTTP: `PUT /v1/people/{id}`, `PUT /v1/appointments/{id}`,
`POST /v1/rematches` (role `system`)."""

from __future__ import annotations

from tests.support.api_builders import call
from tests.support.feed_builders import appointment_body, at, person_body, rematch_body


def feed(method: str, path: str, body: dict):
    return call(method, path, "platform", "system", body)


def feed_people() -> None:
    for person_id, role in (("prov-1", "provider"), ("prov-2", "provider"), ("client-1", "client")):
        assert feed("PUT", f"/v1/people/{person_id}", person_body(role)).status == 200


def test_a_person_is_created_and_returned(table, clock):
    # when
    status, body, _ = feed(
        "PUT", "/v1/people/prov-1", person_body("provider", display_name="Dr Kim")
    )

    # then
    assert status == 200
    assert body == {
        "person_id": "prov-1",
        "role": "provider",
        "display_name": "Dr Kim",
        "email": "alex@example.com",
        "timezone": "America/New_York",
    }


def test_a_person_upsert_replayed_is_the_same_person(table, clock):
    # given
    first = feed("PUT", "/v1/people/client-1", person_body("client"))

    # when
    again = feed("PUT", "/v1/people/client-1", person_body("client"))

    # then
    assert (again.status, again.json) == (first.status, first.json)


def test_an_appointment_returns_itself_and_the_relationship(table, clock):
    # given
    feed_people()

    # when
    status, body, _ = feed("PUT", "/v1/appointments/appt-1", appointment_body(starts_at=at(7)))

    # then
    assert status == 200
    assert body["appointment"] == {
        "appointment_id": "appt-1",
        "provider_id": "prov-1",
        "client_id": "client-1",
        "starts_at": "2026-12-10T15:00:00Z",
        "status": "scheduled",
        "is_initial": True,
        "changed_at": None,
    }
    assert body["relationship"]["status"] == "current"
    assert body["relationship"]["status_reason"] == "upcoming_appointment"
    assert body["relationship"]["first_appointment_at"] == "2026-12-10T15:00:00Z"


def test_an_appointment_upsert_replayed_is_the_same_state(table, clock):
    # given
    feed_people()
    first = feed("PUT", "/v1/appointments/appt-1", appointment_body())

    # when
    again = feed("PUT", "/v1/appointments/appt-1", appointment_body())

    # then
    assert (again.status, again.json) == (first.status, first.json)


def test_an_appointment_naming_an_unknown_provider_is_a_400_on_that_field(table, clock):
    # given
    feed_people()

    # when
    status, body, _ = feed("PUT", "/v1/appointments/a1", appointment_body(provider_id="nobody"))

    # then
    assert (status, body["code"]) == (400, "invalid_request")
    assert [e["field"] for e in body["errors"]] == ["provider_id"]


def test_an_appointment_with_an_unknown_field_is_a_400(table, clock):
    # when
    status, body, _ = feed("PUT", "/v1/appointments/a1", {**appointment_body(), "room": "4"})

    # then
    assert (status, body["code"]) == (400, "invalid_request")


def test_a_rematch_returns_the_relationship_the_client_left(table, clock):
    # given a client who visited prov-1 ten days ago
    feed_people()
    feed("PUT", "/v1/appointments/appt-1", appointment_body(starts_at=at(-10), status="completed"))

    # when
    status, body, _ = feed("POST", "/v1/rematches", rematch_body())

    # then
    assert status == 200
    relationship = body["relationship"]
    assert (relationship["provider_id"], relationship["status"]) == ("prov-1", "current")
    assert relationship["status_reason"] == "rematched_grace"


def test_a_rematch_without_a_relationship_is_a_404(table, clock):
    # given people, but no appointment between them
    feed_people()

    # when
    status, body, _ = feed("POST", "/v1/rematches", rematch_body())

    # then
    assert (status, body["code"]) == (404, "not_found")


def test_a_rematch_to_the_same_provider_is_a_400(table, clock):
    # when
    status, _, _ = feed("POST", "/v1/rematches", rematch_body(to_provider_id="prov-1"))

    # then
    assert status == 400


def test_the_roster_shows_what_the_feed_stored(table, clock):
    # given the platform feeds a client and their first appointment
    feed_people()
    feed("PUT", "/v1/appointments/appt-1", appointment_body(starts_at=at(3)))

    # when
    _, body, _ = call("GET", "/v1/clients", "prov-1", "provider")

    # then
    assert [(i["client_id"], i["status"], i["next_appointment_at"]) for i in body["items"]] == [
        ("client-1", "current", "2026-12-06T15:00:00Z")
    ]


def test_only_the_platform_may_feed(table, clock):
    # when
    status, body, _ = call("PUT", "/v1/people/p9", "prov-1", "provider", person_body("provider"))

    # then
    assert (status, body["code"]) == (403, "role_not_allowed")
