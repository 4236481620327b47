"""Fixtures for the notification scenarios: people with names and addresses (so the PHI test
has something to look for) and the pipeline harness."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.integration.notifications import messaging
from tests.integration.notifications.pipeline import Pipeline


@dataclass(frozen=True)
class Someone:
    person_id: str
    role: str
    display_name: str
    email: str


PROVIDER = Someone("prov_ada", "provider", "Dr. Ada Quillfeather", "ada.quill@clinic.example")
OTHER_PROVIDER = Someone("prov_cyd", "provider", "Dr. Cyd Marlowe", "cyd.marlowe@clinic.example")
CLIENT = Someone("client_bo", "client", "Bo Thistlewood", "bo.thistle@mail.example")
PEOPLE = (PROVIDER, OTHER_PROVIDER, CLIENT)


@pytest.fixture
def people(table: str, clock) -> tuple[Someone, ...]:
    for someone in PEOPLE:
        messaging.person(
            someone.person_id, someone.role, email=someone.email, display_name=someone.display_name
        )
    return PEOPLE


@pytest.fixture
def pipeline(table: str, clock, people) -> Iterator[Pipeline]:
    yield Pipeline(table, clock)


@pytest.fixture
def client_thread(people) -> str:
    return messaging.client_thread(PROVIDER.person_id, CLIENT.person_id)


@pytest.fixture
def provider_thread(people) -> str:
    return messaging.provider_thread(PROVIDER.person_id, OTHER_PROVIDER.person_id, CLIENT.person_id)
