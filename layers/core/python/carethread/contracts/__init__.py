"""Pydantic contracts of the HTTP API and platform events (one module per resource)."""
