"""The case view: one case per tab, its fields, timeline, sub-tasks and every action."""
