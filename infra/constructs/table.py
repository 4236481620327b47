"""The single table, built from the same key-schema constants as the models and fixtures,
and its AWS Backup plan."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_backup as backup
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_kms as kms
from carethread.data import keys
from constructs import Construct

from infra.function_factory import acknowledge


def _string_key(name: str) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=name, type=dynamodb.AttributeType.STRING)


class MessagingTable(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey) -> None:
        super().__init__(scope, construct_id)
        self.table = dynamodb.Table(
            self,
            "Table",
            partition_key=_string_key(keys.PK),
            sort_key=_string_key(keys.SK),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED,
            encryption_key=key,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            deletion_protection=True,
            stream=dynamodb.StreamViewType[keys.STREAM_VIEW_TYPE],
            time_to_live_attribute=keys.TTL_ATTRIBUTE,
            removal_policy=RemovalPolicy.RETAIN,
        )
        for index_name, partition_key, sort_key in keys.GLOBAL_INDEXES:
            self.table.add_global_secondary_index(
                index_name=index_name,
                partition_key=_string_key(partition_key),
                sort_key=_string_key(sort_key),
                projection_type=dynamodb.ProjectionType.ALL,
            )
        self._back_up(key)

    def index_arn(self, index_name: str) -> str:
        return f"{self.table.table_arn}/index/{index_name}"

    def _back_up(self, key: kms.IKey) -> None:
        # PITR covers the last 35 days to the second; the plan keeps daily and monthly
        # recovery points in a vault encrypted with our key, outside the table's lifecycle.
        vault = backup.BackupVault(
            self, "Vault", encryption_key=key, removal_policy=RemovalPolicy.RETAIN
        )
        plan = backup.BackupPlan(self, "Plan", backup_vault=vault)
        plan.add_rule(
            backup.BackupPlanRule(
                rule_name="Daily",
                schedule_expression=events.Schedule.cron(hour="5", minute="0"),
                delete_after=Duration.days(35),
            )
        )
        plan.add_rule(
            backup.BackupPlanRule(
                rule_name="Monthly",
                schedule_expression=events.Schedule.cron(day="1", hour="5", minute="0"),
                delete_after=Duration.days(366),
            )
        )
        selection = plan.add_selection(
            "Table", resources=[backup.BackupResource.from_dynamo_db_table(self.table)]
        )
        self.backup_plan = plan
        self._acknowledge_backup_role(selection)

    @staticmethod
    def _acknowledge_backup_role(selection: backup.BackupSelection) -> None:
        role = selection.node.try_find_child("Role")
        if role is None:
            return
        acknowledge(
            role,
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            "AWSBackupServiceRolePolicyForBackup]",
            "AWS Backup's service role with the AWS-maintained backup policy, as AWS Backup "
            "documents; only AWS Backup can assume it and the selection limits it to this table.",
        )
