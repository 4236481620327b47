"""Care lane fixtures: a table with two providers and two clients already on it."""

from __future__ import annotations

import pytest
from carethread.data import keys
from carethread.data.models import Person

from tests.support.feed_builders import T0


@pytest.fixture
def people(table, clock) -> dict[str, str]:
    """prov-1, prov-2 (providers) and client-1, client-2 (clients), stored at T0."""
    roles = {"prov-1": "provider", "prov-2": "provider", "client-1": "client", "client-2": "client"}
    with Person.batch_write() as batch:
        for person_id, role in roles.items():
            batch.save(
                Person(
                    pk=keys.person_pk(person_id),
                    sk=keys.PROFILE,
                    person_id=person_id,
                    role=role,
                    display_name=f"Person {person_id}",
                    updated_at=T0,
                )
            )
    return roles
