"""Logger and metrics for every function, kept in the core package (handlers import from here).

No Tracer: importing aws_xray_sdk costs ~0.2 s of cold start; Lambda active tracing still
records each invocation (see docs/decisions.md).
"""

from aws_lambda_powertools import Logger, Metrics

logger = Logger(service="carethread")
metrics = Metrics(namespace="CareThread", service="carethread")
