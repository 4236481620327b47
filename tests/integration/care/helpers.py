"""Small readers the care tests share (what is stored, what is indexed)."""

from __future__ import annotations

from carethread.data.models import Relationship
from carethread.data.relationships import get_relationship


def stored(provider_id: str = "prov-1", client_id: str = "client-1") -> Relationship:
    relationship = get_relationship(provider_id, client_id)
    assert relationship is not None
    return relationship


def status_of(provider_id: str = "prov-1", client_id: str = "client-1") -> tuple[str, str]:
    relationship = stored(provider_id, client_id)
    return relationship.status, relationship.status_reason
