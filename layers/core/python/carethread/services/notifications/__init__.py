"""The notification pipeline: the notifier decides and schedules, the sender claims and emails.

Every decision leaves a `Notification` item (`NOTIFY#<recipient>#<thread>` / `<message id>`)
whose status and reason explain it: scheduled, sending, sent, or suppressed with a reason
(`quick_reply`, `already_notified`, `coalesced`, `already_read`, `no_email`, `no_policy`).
"""
