"""案件: the queues, the case view and its actions."""
