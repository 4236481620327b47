"""A module-wide practice for tests whose calls are refused (they change nothing another
case could see but audit records), so the world is built once per module, not per case."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from carethread import clock as clock_module
from carethread.data import keys, models
from moto import mock_aws

from tests.conftest import T0, TEST_TABLE
from tests.integration.security.world import World, build_world


@pytest.fixture(scope="module")
def shared_world() -> Iterator[World]:
    previous = clock_module.get_clock()
    clock_module.set_clock(clock_module.FixedClock(T0))
    with mock_aws():
        boto3.client("dynamodb").create_table(**keys.create_table_arguments(TEST_TABLE))
        models.bind_table(TEST_TABLE, region="us-east-1", host=None)
        yield build_world()
    clock_module.set_clock(previous)
