"""The notifier Lambda: DynamoDB stream (message inserts) → notification schedules."""
