"""The outbox: mails and SMS queued in the transaction that caused them, drained by a sender
with retries and backoff, listed, retried and cancelled; nothing lost, nothing sent twice."""
