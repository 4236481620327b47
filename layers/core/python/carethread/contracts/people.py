"""Contracts for `/v1/me` and `/v1/unread`."""

from __future__ import annotations

from pydantic import BaseModel


class MeView(BaseModel):
    person_id: str
    role: str
    display_name: str | None
    unread_total: int


class CounterpartUnread(BaseModel):
    person_id: str
    display_name: str | None
    unread_count: int


class ThreadUnread(BaseModel):
    thread_id: str
    unread_count: int


class UnreadView(BaseModel):
    total: int
    by_counterpart: list[CounterpartUnread]
    by_thread: list[ThreadUnread]
