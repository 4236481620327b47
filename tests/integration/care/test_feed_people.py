import pytest
from carethread.contracts.feed import PersonUpsert
from carethread.data.models import Person
from carethread.domain.errors import InvalidRequest
from carethread.services.audit import audit_for_person
from carethread.services.feed import upsert_person
from pydantic import ValidationError

from tests.support.feed_builders import SYSTEM_ACTOR, T0, at, person_body, person_model


def test_a_new_person_is_stored_and_returned(table, clock):
    # given
    body = person_model(role="provider", display_name="Dr. Jo Lee", timezone="Europe/Paris")

    # when
    view = upsert_person("prov-9", body, actor_id=SYSTEM_ACTOR, now=T0)

    # then
    assert view.model_dump() == {
        "person_id": "prov-9",
        "role": "provider",
        "display_name": "Dr. Jo Lee",
        "email": "alex@example.com",
        "timezone": "Europe/Paris",
    }
    assert Person.get("PERSON#prov-9", "PROFILE").display_name == "Dr. Jo Lee"


def test_an_update_replaces_the_profile_and_is_audited_without_phi(table, clock):
    # given
    upsert_person("client-9", person_model(), actor_id=SYSTEM_ACTOR, now=T0)

    # when
    renamed = person_model(display_name="Sam Rivera", email="sam@example.com")
    upsert_person("client-9", renamed, actor_id=SYSTEM_ACTOR, now=at(1))

    # then
    assert Person.get("PERSON#client-9", "PROFILE").email == "sam@example.com"
    records = audit_for_person("client-9")
    assert [r.action for r in records] == ["feed.person_upserted"] * 2
    assert all("Rivera" not in str(r.detail) and "@" not in str(r.detail) for r in records)


def test_a_replayed_upsert_changes_nothing_and_writes_no_audit(table, clock):
    # given
    upsert_person("client-9", person_model(), actor_id=SYSTEM_ACTOR, now=T0)

    # when
    upsert_person("client-9", person_model(), actor_id=SYSTEM_ACTOR, now=at(1))

    # then
    assert len(audit_for_person("client-9")) == 1
    assert Person.get("PERSON#client-9", "PROFILE").updated_at == T0


def test_a_role_change_is_refused_on_the_role_field(table, clock):
    # given
    upsert_person("prov-9", person_model(role="provider"), actor_id=SYSTEM_ACTOR, now=T0)

    # when
    with pytest.raises(InvalidRequest) as refused:
        upsert_person("prov-9", person_model(role="client"), actor_id=SYSTEM_ACTOR, now=T0)

    # then
    assert refused.value.fields[0]["field"] == "role"


def test_an_invalid_person_id_is_refused(table, clock):
    # when / then
    with pytest.raises(InvalidRequest):
        upsert_person("no spaces allowed", person_model(), actor_id=SYSTEM_ACTOR, now=T0)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("display_name", "   "),
        ("display_name", "x" * 201),
        ("email", "not-an-email"),
        ("timezone", "Mars/Olympus_Mons"),
        ("role", "system"),
    ],
)
def test_a_person_body_with_a_bad_field_is_refused(field, value):
    # given
    body = {**person_body(), field: value}

    # when
    with pytest.raises(ValidationError) as refused:
        PersonUpsert.model_validate(body)

    # then
    assert refused.value.errors()[0]["loc"] == (field,)


def test_email_and_timezone_are_optional():
    # when
    body = PersonUpsert.model_validate({"role": "client", "display_name": "Ana"})

    # then
    assert (body.email, body.timezone) == (None, None)
