"""Stream → notifier → Scheduler → sender → SES, as deployed."""

from __future__ import annotations

import json

import pytest
from carethread.data.stream_filter import MESSAGE_INSERT_FILTER

from tests.infra.template_query import arn_of, as_list, ref

pytestmark = pytest.mark.infra


@pytest.fixture(scope="module")
def mapping(template):
    return template.one("AWS::Lambda::EventSourceMapping")[1]


def _queue_ids(template):
    return set(template.of_type("AWS::SQS::Queue"))


def test_notifier_reads_the_table_stream_filtered_to_message_inserts(template, mapping):
    # given the event source mapping
    table_id, _ = template.one("AWS::DynamoDB::Table")
    notifier_id, _ = template.function("notifier")
    # then it feeds the notifier from the table's stream, through the shared filter pattern
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": [table_id, "StreamArn"]}
    assert mapping["FunctionName"] == ref(notifier_id)
    (pattern,) = [json.loads(f["Pattern"]) for f in mapping["FilterCriteria"]["Filters"]]
    assert pattern == MESSAGE_INSERT_FILTER


def test_stream_failures_are_isolated_bounded_and_kept(template, mapping):
    # then a bad record is reported alone, batches are split, retries end, and what still
    # fails is sent to a queue
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["BisectBatchOnFunctionError"] is True
    assert 0 < mapping["MaximumRetryAttempts"] <= 10
    assert mapping["MaximumRecordAgeInSeconds"] > 0
    destination = mapping["DestinationConfig"]["OnFailure"]["Destination"]
    assert destination["Fn::GetAtt"][0] in _queue_ids(template)


def test_schedule_group_and_scheduler_role_are_wired_into_the_notifier(template):
    # given the notifier's environment
    _, notifier = template.function("notifier")
    env = notifier["Environment"]["Variables"]
    group_id, _ = template.one("AWS::Scheduler::ScheduleGroup")
    sender_id, _ = template.function("sender")
    # then it schedules in the stack's group, for the sender, with the scheduler role and DLQ
    assert env["CARETHREAD_SCHEDULE_GROUP"] == ref(group_id)
    assert env["CARETHREAD_SENDER_FUNCTION_ARN"] == arn_of(sender_id)
    assert env["CARETHREAD_SCHEDULER_ROLE_ARN"]["Fn::GetAtt"][1] == "Arn"
    assert env["CARETHREAD_SCHEDULER_DLQ_ARN"]["Fn::GetAtt"][0] in _queue_ids(template)


def test_scheduler_role_can_only_invoke_the_sender_and_reach_its_dlq(template):
    # given the role the notifier passes to Scheduler
    _, notifier = template.function("notifier")
    role_id = notifier["Environment"]["Variables"]["CARETHREAD_SCHEDULER_ROLE_ARN"]["Fn::GetAtt"][0]
    role = template.resources[role_id]["Properties"]
    sender_id, _ = template.function("sender")
    dlq_id = notifier["Environment"]["Variables"]["CARETHREAD_SCHEDULER_DLQ_ARN"]["Fn::GetAtt"][0]
    # then only Scheduler, for this account, may assume it
    (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "scheduler.amazonaws.com"}
    assert trust["Condition"] == {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}
    # and it may invoke the sender and write the DLQ, nothing else
    grants = {
        action: statement["Resource"]
        for statement in template.policy_statements_of_role(role_id)
        for action in as_list(statement["Action"])
    }
    assert grants["lambda:InvokeFunction"] == arn_of(sender_id)
    assert grants["sqs:SendMessage"] == arn_of(dlq_id)
    assert set(grants) == {
        "lambda:InvokeFunction",
        "sqs:SendMessage",
        "kms:Decrypt",
        "kms:GenerateDataKey",
    }


def test_sender_sends_through_a_tls_only_configuration_set(template):
    # given the SES configuration set and the sender's environment
    config_set_id, config_set = template.one("AWS::SES::ConfigurationSet")
    _, sender = template.function("sender")
    # then TLS is required, and the sender names that configuration set
    assert config_set["DeliveryOptions"] == {"TlsPolicy": "REQUIRE"}
    assert sender["Environment"]["Variables"]["CARETHREAD_CONFIGURATION_SET"] == ref(config_set_id)


def test_sender_may_send_only_from_the_configured_address(template):
    (statement,) = [
        s
        for s in template.policy_statements_of_role(
            template.function("sender")[1]["Role"]["Fn::GetAtt"][0]
        )
        if "ses:SendEmail" in as_list(s["Action"])
    ]
    from_address = template.function("sender")[1]["Environment"]["Variables"][
        "CARETHREAD_FROM_ADDRESS"
    ]
    assert statement["Condition"] == {"StringEquals": {"ses:FromAddress": from_address}}


def test_sender_async_failures_land_in_a_queue(template):
    sender_id, _ = template.function("sender")
    configs = [
        c
        for c in template.of_type("AWS::Lambda::EventInvokeConfig").values()
        if c["FunctionName"] == ref(sender_id)
    ]
    (config,) = configs
    destination = config["DestinationConfig"]["OnFailure"]["Destination"]
    assert destination["Fn::GetAtt"][0] in _queue_ids(template)
