"""Dead-letter queues: encrypted with the data key, TLS only, kept for the maximum 14 days."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.function_factory import acknowledge


def dead_letter_queue(scope: Construct, construct_id: str, key: kms.IKey, holds: str) -> sqs.Queue:
    """A queue that is itself the last stop for failed events (`holds` says which)."""
    queue = sqs.Queue(
        scope,
        construct_id,
        encryption=sqs.QueueEncryption.KMS,
        encryption_master_key=key,
        data_key_reuse=Duration.hours(1),
        enforce_ssl=True,
        retention_period=Duration.days(14),
    )
    reason = (
        f"This queue is the dead-letter queue for {holds}; it has no dead-letter queue of its "
        "own. An alarm fires on its first message, and messages are kept 14 days for replay."
    )
    acknowledge(queue, "AwsSolutions-SQS3", reason)
    acknowledge(queue, "Serverless-SQSRedrivePolicy", reason)
    return queue
