"""Each center's targets for its rates: below one, the report colours the figure.

Stored as settings of the center in app_meta (`center.<id>.target.<metric>` = a fraction);
a center that sets none gets issue #8's defaults (按期办结率 90 %, 满意率 95 %, 化解率 80 %).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import AppMeta
from desktop.domain.metrics import DEFAULT_TARGETS, RATES, Metric
from desktop.errors import GovDeskError
from desktop.services.meta import set_value


def _key(center_id: int, metric: Metric) -> str:
    return f"center.{center_id}.target.{metric}"


def center_targets(*, session: Session, center_id: int) -> dict[Metric, float]:
    """The center's targets: its own settings over the defaults."""
    prefix = f"center.{center_id}.target."
    targets = dict(DEFAULT_TARGETS)
    rows = session.execute(select(AppMeta.key, AppMeta.value).where(AppMeta.key.startswith(prefix)))
    for key, value in rows:
        try:
            targets[Metric(key.removeprefix(prefix))] = float(value)
        except ValueError:  # a stray or hand-edited row never breaks a report
            continue
    return targets


def set_center_target(*, session: Session, center_id: int, metric: Metric, value: float) -> None:
    """Set one rate's target (a fraction in [0, 1]) for the center."""
    metric = Metric(metric)
    if metric not in RATES or not 0 <= value <= 1:
        raise GovDeskError("report.bad_target", metric=str(metric), value=value)
    set_value(session, _key(center_id, metric), repr(float(value)))
