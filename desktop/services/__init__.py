"""Services: one module per capability (see ARCHITECTURE.md)."""

from desktop.services import rollup_upkeep  # noqa: F401  (keeps the report rollup current)
