"""All tables. Import from here so Alembic sees every model."""

from desktop.db.models.accounts import User, UserRole
from desktop.db.models.cases import (
    Attachment,
    Case,
    CaseCounter,
    CaseEvent,
    CaseParty,
    CaseTask,
    CaseWorkOrder,
    ExtensionRequest,
)
from desktop.db.models.catalog import CalendarDay, Category, DeadlineRule
from desktop.db.models.geo import Grid, GridMember, Jurisdiction
from desktop.db.models.meta import AppMeta, AuditEntry
from desktop.db.models.org import Center, Department, Staff, Window
from desktop.db.models.rollup import ReportRollup
from desktop.db.models.roster import (
    CheckIn,
    RosterRule,
    RosterRuleStaff,
    RosterSettings,
    RotaDuty,
    RotaEdit,
    RotaFlag,
    RotaMonth,
)

__all__ = [
    "AppMeta",
    "Attachment",
    "AuditEntry",
    "CalendarDay",
    "Case",
    "CaseCounter",
    "CaseEvent",
    "CaseParty",
    "CaseTask",
    "CaseWorkOrder",
    "CheckIn",
    "Category",
    "Center",
    "DeadlineRule",
    "Department",
    "ExtensionRequest",
    "Grid",
    "GridMember",
    "Jurisdiction",
    "ReportRollup",
    "RosterRule",
    "RosterRuleStaff",
    "RosterSettings",
    "RotaDuty",
    "RotaEdit",
    "RotaFlag",
    "RotaMonth",
    "Staff",
    "User",
    "UserRole",
    "Window",
]
