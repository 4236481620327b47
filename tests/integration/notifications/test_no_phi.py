"""Nothing the pipeline emits outside the table — emails, schedule names, schedule payloads —
carries a name, another person's address, or message text."""

from __future__ import annotations

import json

from carethread.services.notifications.content import notification_email

from tests.integration.notifications.conftest import CLIENT, OTHER_PROVIDER, PEOPLE, PROVIDER

BODIES = {
    "client": "My panic attacks came back after the funeral",
    "provider": "Let's increase sertraline to 100mg",
    "colleague": "Bo mentioned the custody hearing",
}


def _run_every_direction(pipeline, client_thread, provider_thread) -> None:
    pipeline.send(CLIENT.person_id, client_thread, BODIES["client"])
    pipeline.send(PROVIDER.person_id, provider_thread, BODIES["colleague"])
    pipeline.deliver()
    pipeline.fire(PROVIDER.person_id, client_thread)
    pipeline.fire(OTHER_PROVIDER.person_id, provider_thread)
    pipeline.clock.advance(minutes=30)
    pipeline.send(PROVIDER.person_id, client_thread, BODIES["provider"])
    pipeline.deliver()
    pipeline.fire(CLIENT.person_id, client_thread)


def _forbidden_words() -> set[str]:
    words = {p.display_name.lower() for p in PEOPLE}
    words |= {w.lower().strip(".") for p in PEOPLE for w in p.display_name.split() if len(w) > 3}
    words |= {b.lower() for b in BODIES.values()}
    words |= {w.lower() for b in BODIES.values() for w in b.split() if len(w) > 5}
    return words


def test_emails_and_schedules_carry_no_names_addresses_or_text(
    pipeline, client_thread, provider_thread
):
    # given every direction produced an email
    _run_every_direction(pipeline, client_thread, provider_thread)
    emails = pipeline.emails()
    assert sorted(e.to[0] for e in emails) == sorted(p.email for p in PEOPLE)

    # when we collect what left the table
    text_part = notification_email(pipeline.settings).text
    emitted = [
        *(f"{e.subject}\n{e.body}" for e in emails),
        text_part,
        *(s["Name"] for s in pipeline.fired),
        *(s["Target"]["Input"] for s in pipeline.fired),
    ]

    # then
    forbidden = _forbidden_words() | {p.email.lower() for p in PEOPLE}
    for output in emitted:
        leaked = {word for word in forbidden if word in output.lower()}
        assert not leaked, f"leaked {leaked}"
    for email in emails:
        assert len(email.to) == 1


def test_schedule_payloads_hold_ids_only(pipeline, client_thread, provider_thread):
    # given
    _run_every_direction(pipeline, client_thread, provider_thread)

    # when
    payloads = [json.loads(s["Target"]["Input"]) for s in pipeline.fired]

    # then
    assert len(payloads) == 3
    assert all(set(p) == {"recipient_id", "thread_id", "message_id"} for p in payloads)
