"""The table and its protection: built from the key-schema constants, encrypted with the
customer-managed key, recoverable."""

from __future__ import annotations

import pytest
from carethread.data import keys

from tests.infra.template_query import arn_of

pytestmark = pytest.mark.infra


@pytest.fixture(scope="module")
def table(template):
    return template.one("AWS::DynamoDB::Table")


@pytest.fixture(scope="module")
def key_id(template):
    return template.one("AWS::KMS::Key")[0]


def test_key_is_customer_managed_with_rotation(template):
    # given the stack's one KMS key
    _, key = template.one("AWS::KMS::Key")
    # then it rotates
    assert key["EnableKeyRotation"] is True


def test_table_key_schema_and_indexes_come_from_the_shared_constants(table):
    # given the table
    _, props = table
    # then its keys and GSIs are exactly those of carethread.data.keys
    assert props["KeySchema"] == [
        {"AttributeName": keys.PK, "KeyType": "HASH"},
        {"AttributeName": keys.SK, "KeyType": "RANGE"},
    ]
    indexes = {
        index["IndexName"]: [k["AttributeName"] for k in index["KeySchema"]]
        for index in props["GlobalSecondaryIndexes"]
    }
    assert indexes == {name: [pk, sk] for name, pk, sk in keys.GLOBAL_INDEXES}


def test_table_is_encrypted_with_the_customer_managed_key(table, key_id):
    _, props = table
    assert props["SSESpecification"] == {
        "KMSMasterKeyId": arn_of(key_id),
        "SSEEnabled": True,
        "SSEType": "KMS",
    }


def test_table_is_on_demand_with_pitr_and_deletion_protection(table):
    _, props = table
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert props["DeletionProtectionEnabled"] is True


def test_table_streams_new_images_and_expires_by_the_ttl_attribute(table):
    _, props = table
    assert props["StreamSpecification"] == {"StreamViewType": keys.STREAM_VIEW_TYPE}
    assert props["TimeToLiveSpecification"] == {
        "AttributeName": keys.TTL_ATTRIBUTE,
        "Enabled": True,
    }


def test_table_is_retained_when_the_stack_goes(template, table):
    logical_id, _ = table
    assert template.resources[logical_id]["DeletionPolicy"] == "Retain"


def test_table_is_in_a_backup_plan_with_an_encrypted_vault(template, table, key_id):
    # given the backup selection and vault
    table_id, _ = table
    _, selection = template.one("AWS::Backup::BackupSelection")
    _, vault = template.one("AWS::Backup::BackupVault")
    # then the table is selected, and its recovery points are encrypted with our key
    assert selection["BackupSelection"]["Resources"] == [arn_of(table_id)]
    assert vault["EncryptionKeyArn"] == arn_of(key_id)
