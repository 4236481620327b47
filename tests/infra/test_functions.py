"""The five Lambdas: runtime, logs, tracing, environment, and least-privilege IAM."""

from __future__ import annotations

import pytest
from carethread import settings
from pydantic_settings import BaseSettings

from tests.infra.template_query import arn_of, as_list

pytestmark = pytest.mark.infra

PACKAGES = ("api", "notifier", "sender", "sweep", "care_events")
BASELINE = {
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "kms:Decrypt",
    "kms:GenerateDataKey",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
}
RECORDS = {
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:ConditionCheckItem",
}
EXPECTED_ACTIONS = {
    "api": BASELINE | RECORDS | {"dynamodb:BatchGetItem"},
    "care_events": BASELINE | RECORDS | {"dynamodb:BatchGetItem", "sqs:SendMessage"},
    "sweep": BASELINE | RECORDS | {"sqs:SendMessage"},
    "sender": BASELINE | RECORDS | {"ses:SendEmail", "sqs:SendMessage"},
    "notifier": BASELINE
    | RECORDS
    | {
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "scheduler:CreateSchedule",
        "scheduler:GetSchedule",
        "iam:PassRole",
        "sqs:SendMessage",
    },
}


def _statements(template, package):
    _, props = template.function(package)
    return template.policy_statements_of_role(props["Role"]["Fn::GetAtt"][0])


def _settings_env_names() -> set[str]:
    classes = [
        value
        for value in vars(settings).values()
        if isinstance(value, type) and issubclass(value, BaseSettings) and value is not BaseSettings
    ]
    return {f"CARETHREAD_{name.upper()}" for cls in classes for name in cls.model_fields}


@pytest.mark.parametrize("package", PACKAGES)
def test_function_is_granted_exactly_its_actions(template, package):
    # given the function's role
    # when we collect every action of every policy attached to it
    actions = template.function_actions(package)
    # then it is exactly what the function's code calls, nothing more
    assert actions == EXPECTED_ACTIONS[package]


def test_no_iam_policy_grants_a_wildcard_action(template):
    # given every IAM policy document in the stack (key policies are resource policies)
    documents = [p["PolicyDocument"] for p in template.of_type("AWS::IAM::ManagedPolicy").values()]
    documents += [p["PolicyDocument"] for p in template.of_type("AWS::IAM::Policy").values()]
    # then no action contains a wildcard
    actions = [a for d in documents for s in d["Statement"] for a in as_list(s["Action"])]
    assert actions
    assert [a for a in actions if "*" in a] == []


@pytest.mark.parametrize("package", PACKAGES)
def test_only_xray_is_granted_on_every_resource(template, package):
    # given the function's statements that use Resource "*"
    unscoped = [s for s in _statements(template, package) if "*" in as_list(s["Resource"])]
    # then they hold only the X-Ray actions, which have no resource-level permissions
    actions = {a for s in unscoped for a in as_list(s["Action"])}
    assert actions == {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}


@pytest.mark.parametrize("package", PACKAGES)
def test_table_access_is_scoped_to_the_table_and_its_indexes(template, package):
    # given the function's DynamoDB statements
    table_id, _ = template.one("AWS::DynamoDB::Table")
    dynamo = [
        s
        for s in _statements(template, package)
        if any(a.startswith("dynamodb:") for a in as_list(s["Action"]))
    ]
    # then every resource is derived from the table's own ARN
    for statement in dynamo:
        for resource in as_list(statement["Resource"]):
            assert table_id in str(resource), resource


def test_notifier_may_pass_only_the_scheduler_role_to_scheduler(template):
    # given the notifier's PassRole statement
    (statement,) = [
        s for s in _statements(template, "notifier") if "iam:PassRole" in as_list(s["Action"])
    ]
    # then it names one role and only for EventBridge Scheduler
    role_id, _ = next(
        (logical_id, props)
        for logical_id, props in template.of_type("AWS::IAM::Role").items()
        if props["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]
        == {"Service": "scheduler.amazonaws.com"}
    )
    assert statement["Resource"] == arn_of(role_id)
    assert statement["Condition"] == {
        "StringEquals": {"iam:PassedToService": "scheduler.amazonaws.com"}
    }


@pytest.mark.parametrize("package", PACKAGES)
def test_function_runs_python_on_arm_with_tracing_and_encrypted_environment(template, package):
    key_id, _ = template.one("AWS::KMS::Key")
    _, props = template.function(package)
    assert props["Runtime"].startswith("python3.1")
    assert props["Architectures"] == ["arm64"]
    assert props["TracingConfig"] == {"Mode": "Active"}
    assert props["KmsKeyArn"] == arn_of(key_id)
    assert props["ReservedConcurrentExecutions"] >= 1
    assert props["Timeout"] > 3 and props["MemorySize"] > 128  # chosen, not the defaults
    assert len(props["Layers"]) == 2  # deps + core


@pytest.mark.parametrize("package", PACKAGES)
def test_function_logs_to_its_own_encrypted_log_group_with_retention(template, package):
    key_id, _ = template.one("AWS::KMS::Key")
    _, props = template.function(package)
    log_group_id = props["LoggingConfig"]["LogGroup"]["Ref"]
    log_group = template.resources[log_group_id]["Properties"]
    assert log_group["RetentionInDays"] >= 365
    assert log_group["KmsKeyId"] == arn_of(key_id)


def test_every_log_group_is_encrypted_and_expires(template):
    key_id, _ = template.one("AWS::KMS::Key")
    log_groups = template.of_type("AWS::Logs::LogGroup")
    assert len(log_groups) >= 7  # five functions, API access logs, WAF logs
    for props in log_groups.values():
        assert props["KmsKeyId"] == arn_of(key_id)
        assert props["RetentionInDays"] > 0


@pytest.mark.parametrize("package", PACKAGES)
def test_environment_names_are_carethread_settings(template, package):
    # given the function's CARETHREAD_ variables
    _, props = template.function(package)
    names = {n for n in props["Environment"]["Variables"] if n.startswith("CARETHREAD_")}
    # then each one is a field of a settings model, and the table is always named
    assert names <= _settings_env_names()
    assert "CARETHREAD_TABLE_NAME" in names
