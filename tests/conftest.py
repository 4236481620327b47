"""Shared fixtures: an in-process moto account with the single table, and the test clock."""

from __future__ import annotations

import os

# Before anything imports boto3 or reads settings (settings are cached per process).
os.environ.update(
    AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",
    AWS_DEFAULT_REGION="us-east-1",
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_SESSION_TOKEN="testing",
    CARETHREAD_TABLE_NAME="carethread-test",
    CARETHREAD_REGION="us-east-1",
    POWERTOOLS_METRICS_NAMESPACE="CareThread",
    POWERTOOLS_DEV="false",
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20",
)

from collections.abc import Iterator
from datetime import UTC, datetime

import boto3
import pytest
from carethread import clock as clock_module
from carethread.data import keys, models
from moto import mock_aws

TEST_TABLE = "carethread-test"
T0 = datetime(2026, 12, 3, 15, 0, 0, tzinfo=UTC)


@pytest.fixture
def aws() -> Iterator[None]:
    """An empty in-process moto account for one test."""
    with mock_aws():
        yield


@pytest.fixture
def table(aws: None) -> Iterator[str]:
    """The single table, created from the one key-schema definition, with models bound to it."""
    boto3.client("dynamodb").create_table(**keys.create_table_arguments(TEST_TABLE))
    models.bind_table(TEST_TABLE, region="us-east-1", host=None)
    yield TEST_TABLE


@pytest.fixture
def clock() -> Iterator[clock_module.FixedClock]:
    """The process clock, frozen at T0 and movable by the test."""
    fixed = clock_module.FixedClock(T0)
    previous = clock_module.get_clock()
    clock_module.set_clock(fixed)
    yield fixed
    clock_module.set_clock(previous)
