"""The sender Lambda: a fired notification schedule → at most one email per unread streak."""
