"""Care lane fixtures: a table with two providers and two clients already fed."""

from __future__ import annotations

import pytest
from carethread.services.feed import upsert_person

from tests.support.feed_builders import SYSTEM_ACTOR, T0, person_model


@pytest.fixture
def people(table, clock) -> dict[str, str]:
    """prov-1, prov-2 (providers) and client-1, client-2 (clients), fed at T0."""
    roles = {"prov-1": "provider", "prov-2": "provider", "client-1": "client", "client-2": "client"}
    for person_id, role in roles.items():
        upsert_person(person_id, person_model(role=role), actor_id=SYSTEM_ACTOR, now=T0)
    return roles
