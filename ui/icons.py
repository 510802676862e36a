"""The one table from meaning to qtawesome spec; nothing else names an icon font glyph."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtGui import QIcon

from desktop.domain.enums import NamedQueue
from ui import theme

ICONS: dict[str, str] = {
    # navigation
    "nav.dashboard": "mdi6.view-dashboard-outline",
    "nav.map": "mdi6.map-outline",
    "nav.cases": "mdi6.file-document-multiple-outline",
    "nav.roster": "mdi6.calendar-account-outline",
    "nav.reports": "mdi6.chart-box-outline",
    "nav.settings": "mdi6.cog-outline",
    # actions and states
    "action.refresh": "mdi6.refresh",
    "alert.bell": "mdi6.bell-outline",
    "alert.bell_ringing": "mdi6.bell-ring",
    "action.wall": "mdi6.monitor-dashboard",
    "action.login": "mdi6.login",
    "action.logout": "mdi6.logout",
    "action.close": "mdi6.close",
    "action.export": "mdi6.export-variant",
    "action.browse": "mdi6.folder-open-outline",
    "state.user": "mdi6.account-circle-outline",
    "state.roles": "mdi6.shield-account-outline",
    "state.jurisdiction": "mdi6.map-marker-radius-outline",
    "state.password": "mdi6.lock-outline",
    "state.db_error": "mdi6.database-alert-outline",
    "state.db_settings": "mdi6.database-cog-outline",
    "state.training": "mdi6.school-outline",
    "state.language": "mdi6.translate",
    # attachments, by what the file is (desktop.services.file_types.FileKind)
    "action.attach": "mdi6.paperclip",
    "file.image": "mdi6.file-image-outline",
    "file.pdf": "mdi6.file-pdf-box",
    "file.document": "mdi6.file-word-outline",
    "file.spreadsheet": "mdi6.file-excel-outline",
    "file.audio": "mdi6.file-music-outline",
    # named queues
    f"queue.{NamedQueue.PENDING_ACCEPT}": "mdi6.inbox-arrow-down-outline",
    f"queue.{NamedQueue.PENDING_TRIAGE}": "mdi6.call-split",
    f"queue.{NamedQueue.MY_TODO}": "mdi6.clipboard-check-outline",
    f"queue.{NamedQueue.DEPT_TO_SIGN}": "mdi6.file-sign",
    f"queue.{NamedQueue.IN_PROGRESS}": "mdi6.progress-wrench",
    f"queue.{NamedQueue.DUE_SOON}": "mdi6.timer-sand",
    f"queue.{NamedQueue.OVERDUE}": "mdi6.alarm-light-outline",
    f"queue.{NamedQueue.PENDING_FOLLOW_UP}": "mdi6.phone-return-outline",
    f"queue.{NamedQueue.SUPERVISED}": "mdi6.flag-outline",
    f"queue.{NamedQueue.ALL}": "mdi6.format-list-bulleted",
}


def icon(meaning: str, color: str | None = None) -> QIcon:
    """The icon for a meaning such as "nav.map"; an unknown meaning is a programming error."""
    return qta.icon(ICONS[meaning], color=color or theme.TEXT_MUTED)
