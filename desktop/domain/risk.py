"""When a case's risk colour rises (信访三色管理): repeats and group size."""

from __future__ import annotations

from desktop.domain.enums import RISK_ORDER, Risk

REPEATS_FOR_ORANGE = 3  # three or more repeats of the same matter
# 群体性 bands (<50, 50–100, 100–500, >500 people) mapped to the colour they raise to.
GROUP_SIZE_RISK = ((500, Risk.RED), (100, Risk.ORANGE), (50, Risk.YELLOW))


def higher(a: Risk | str, b: Risk | str) -> Risk:
    return max(Risk(a), Risk(b), key=RISK_ORDER.index)


def risk_for_group(people_count: int) -> Risk:
    for threshold, risk in GROUP_SIZE_RISK:
        if people_count >= threshold:
            return risk
    return Risk.NORMAL


def risk_for_repeats(repeat_count: int) -> Risk:
    return Risk.ORANGE if repeat_count >= REPEATS_FOR_ORANGE else Risk.NORMAL
