"""The 案件 page: the queues and the case list (the case view lives in ui/cases/detail)."""
