"""The arrival plan of the demo cases, drawn for all cases at once with numpy.

For every case: when it arrives (seasonal and weekly rhythm), its category, channel, grid,
handling center and number, and whether it repeats an earlier case (重复件). Everything that
ties one case to another is decided here, so the per-case simulation (desktop.demo.cases)
can then run through the cases in order without looking ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from desktop.domain.enums import Channel, GridKind
from desktop.domain.workdays import WorkCalendar

US = 1_000_000
DAY_US = 86_400 * US
HOUR_US = 3_600 * US
LOCAL_OFFSET_US = 8 * HOUR_US  # China time, no daylight saving
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
DEFAULT_MONTHS = 13  # history before --today: 同比 needs the same period a year earlier
REPEAT_SHARE = 0.035  # random repeats of an earlier case of the same category
HOT_SHARE = 0.0015  # originals that draw three or more repeats (frequent petitioners)
REPEAT_WINDOW_DAYS = 30
CHUNK_DAYS = 7  # cases are simulated a week at a time; a repeat links within its week

# 春节 (lunar new year) dates: labour disputes peak in the weeks before it.
SPRING_FESTIVAL = {
    2020: date(2020, 1, 25), 2021: date(2021, 2, 12), 2022: date(2022, 2, 1),
    2023: date(2023, 1, 22), 2024: date(2024, 2, 10), 2025: date(2025, 1, 29),
    2026: date(2026, 2, 17), 2027: date(2027, 2, 6), 2028: date(2028, 1, 26),
    2029: date(2029, 2, 13), 2030: date(2030, 2, 3), 2031: date(2031, 1, 23),
    2032: date(2032, 2, 11), 2033: date(2033, 1, 31), 2034: date(2034, 2, 19),
    2035: date(2035, 2, 8),
}  # fmt: skip

# Child category code -> relative weight over a year (before seasonal factors).
CATEGORY_WEIGHTS = {
    "0101": 5, "0102": 9, "0103": 7, "0104": 5, "0105": 4, "0106": 2, "0107": 4,
    "0108": 1.5, "0109": 3, "0110": 2.5, "0111": 0.2, "0112": 1.8,
    "0201": 3, "0202": 2.5, "0203": 0.3, "0204": 1.5, "0205": 0.7,
    "0301": 3, "0302": 2, "0303": 1.2, "0304": 0.5, "0305": 0.8, "0306": 0.5,
    "0401": 1.5, "0402": 0.8, "0403": 2.2, "0404": 1.2, "0405": 0.3,
    "0501": 1.5, "0502": 0.5, "0503": 1,
    "0601": 4, "0602": 4, "0603": 3, "0604": 2, "0605": 1.5, "0606": 1.5, "0607": 2,
    "0701": 2.5, "0702": 1.5, "0703": 2, "0704": 1.5, "0705": 1, "0706": 0.5,
    "0801": 0.8, "0802": 0.8, "0803": 0.6, "0804": 0.5, "0805": 0.3,
}  # fmt: skip

C = Channel
# Top-level code -> channel mix.
CHANNEL_MIX = {
    "01": {C.WALK_IN: 35, C.PHONE: 15, C.HOTLINE_12345: 10, C.GRID_REPORT: 25, C.ONLINE: 5,
           C.POLICE_110: 5, C.DEPARTMENT_TRANSFER: 3, C.SUPERIOR_ASSIGNED: 2},
    "02": {C.GRID_REPORT: 40, C.POLICE_110: 30, C.PHONE: 10, C.HOTLINE_12345: 10, C.ONLINE: 10},
    "03": {C.GRID_REPORT: 55, C.HOTLINE_12345: 20, C.PHONE: 10, C.DEPARTMENT_TRANSFER: 10,
           C.ONLINE: 5},
    "04": {C.HOTLINE_12345: 40, C.GRID_REPORT: 30, C.ONLINE: 15, C.PHONE: 10,
           C.DEPARTMENT_TRANSFER: 5},
    "05": {C.HOTLINE_12345: 50, C.PHONE: 20, C.ONLINE: 20, C.WALK_IN: 10},
    "06": {C.HOTLINE_12345: 60, C.PHONE: 15, C.WALK_IN: 10, C.ONLINE: 10, C.GRID_REPORT: 5},
    "07": {C.HOTLINE_12345: 50, C.GRID_REPORT: 35, C.ONLINE: 10, C.PHONE: 5},
    "08": {C.PETITION_TRANSFER: 45, C.WALK_IN: 35, C.SUPERIOR_ASSIGNED: 10, C.ONLINE: 10},
}  # fmt: skip
CHANNELS = tuple(Channel)
# Channels whose cases arrive in office hours on working days only.
OFFICE_CHANNELS = frozenset(
    {C.WALK_IN, C.DEPARTMENT_TRANSFER, C.SUPERIOR_ASSIGNED, C.PETITION_TRANSFER}
)
# Share of a channel's cases registered at the county center (the rest: the township's).
COUNTY_SHARE = {
    C.WALK_IN: 0.45, C.PHONE: 0.4, C.HOTLINE_12345: 0.8, C.GRID_REPORT: 0.0, C.ONLINE: 0.6,
    C.POLICE_110: 0.6, C.PETITION_TRANSFER: 1.0, C.DEPARTMENT_TRANSFER: 0.7,
    C.SUPERIOR_ASSIGNED: 1.0,
}  # fmt: skip
URBAN_ONLY = frozenset({"0104", "0601", "0701", "0702", "0703", "0704", "0705", "0706"})
RURAL_MOSTLY = frozenset({"0105", "0405", "0804"})
# Hour-of-day weights for channels open around the clock (hotline, grid, online, 110).
HOURLY = np.array(
    [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3.2, 3.2, 2.8, 1.8, 1.6, 2.4, 2.9, 2.9, 2.6,
     2.0, 1.7, 1.5, 1.2, 0.8, 0.5]
)  # fmt: skip


@dataclass(frozen=True)
class GridInfo:
    """What the plan needs of a grid (the county writer builds these)."""

    id: int
    kind: GridKind
    population: int
    township_index: int


@dataclass(frozen=True)
class Plan:
    """Parallel arrays, one entry per case, in order of receipt (case id = index + 1)."""

    received_us: np.ndarray  # int64 µs since the epoch, UTC
    category: np.ndarray  # index into the list of child categories
    channel: np.ndarray  # index into CHANNELS
    grid: np.ndarray  # index into the list of grids
    county_center: np.ndarray  # bool: registered at the county center
    serial: np.ndarray  # the case number's serial within (center, year)
    year: np.ndarray  # local year of receipt
    repeat_of: np.ndarray  # index of the original case, or -1
    merge_us: np.ndarray  # when the repeat is linked to its original (µs), 0 if none
    people: np.ndarray  # 群体性 size (1 for one person)
    counters: dict[tuple[int, int], int]  # (center key, year) -> last serial used
    chunks: np.ndarray  # case index where each week's chunk starts, then the case count

    def chunk_bounds(self, k: int) -> tuple[int, int]:
        return int(self.chunks[k]), int(self.chunks[k + 1])

    @property
    def chunk_count(self) -> int:
        return len(self.chunks) - 1

    @property
    def largest_chunk(self) -> int:
        return int(np.max(np.diff(self.chunks))) if len(self.chunks) > 1 else 0


def local_day(us: int) -> int:
    """Days since 1970-01-01 of the China-time date of an instant in µs."""
    return (us + LOCAL_OFFSET_US) // DAY_US


def day_start_us(day: int) -> int:
    """00:00 China time of a local day number, in µs UTC."""
    return day * DAY_US - LOCAL_OFFSET_US


def to_day_number(d: date) -> int:
    return d.toordinal() - EPOCH_ORDINAL


def from_day_number(n: int) -> date:
    return date.fromordinal(n + EPOCH_ORDINAL)


def make_plan(
    rng: np.random.Generator,
    n: int,
    today: date,
    calendar: WorkCalendar,
    category_codes: list[str],
    grids: list[GridInfo],
    center_of_township: list[int],
    months: int = DEFAULT_MONTHS,
) -> Plan:
    """The whole arrival plan for n cases received in the `months` months before `today`."""
    first = to_day_number(first_day(today, months))
    span_days = to_day_number(today) - first
    days = np.arange(first, first + span_days)
    dates = [from_day_number(int(d)) for d in days]
    workday = np.array([calendar.is_workday(d) for d in dates])
    festival = np.array([_in_festival(d) for d in dates])
    weight = np.where(workday, 1.0, 0.45) * np.where(festival, 0.5, 1.0)
    per_day = rng.multinomial(n, weight / weight.sum())
    day_of_case = np.repeat(np.arange(span_days), per_day)

    category = np.empty(n, dtype=np.int64)
    base = np.array([CATEGORY_WEIGHTS.get(code, 1.0) for code in category_codes])
    start = 0
    for k, count in enumerate(per_day.tolist()):
        if count:
            w = base * _seasonal(category_codes, dates[k])
            category[start : start + count] = rng.choice(len(w), size=count, p=w / w.sum())
        start += count

    channel = _channels(rng, category, category_codes)
    day_of_case = _office_days(day_of_case, channel, workday)
    received = _times(rng, days[day_of_case], channel)
    order = np.argsort(received, kind="stable")
    received, category, channel = received[order], category[order], channel[order]

    grid = _grids(rng, category, category_codes, grids)
    county_center = rng.random(n) < np.array([COUNTY_SHARE[c] for c in CHANNELS])[channel]
    people = _people_counts(rng, category, category_codes)
    week = ((received + LOCAL_OFFSET_US) // DAY_US - first) // CHUNK_DAYS
    weeks = (span_days + CHUNK_DAYS - 1) // CHUNK_DAYS
    chunks = np.searchsorted(week, np.arange(weeks + 1), side="left")
    chunks[-1] = n
    repeat_of = _repeats(rng, received, category, category_codes, chunks[week], chunks[week + 1])
    # A repeat happens in the original's place and concerns the same people.
    has = repeat_of >= 0
    grid[has] = grid[repeat_of[has]]
    people[has] = 1
    merge = np.zeros(n, dtype=np.int64)
    delay = (rng.uniform(0.2, 20.0, n) * 3600).astype(np.int64) * US
    merge[has] = received[has] + delay[has]
    sim_now = day_start_us(to_day_number(today))
    late = has & (merge >= sim_now)  # not linked yet: an ordinary case for now
    repeat_of[late], merge[late] = -1, 0

    township = np.array([g.township_index for g in grids])[grid]
    center_key = np.where(county_center, -1, np.array(center_of_township)[township])
    year = np.array([from_day_number(int(d)).year for d in range(first, first + span_days + 1)])
    year_of_case = year[(received + LOCAL_OFFSET_US) // DAY_US - first]
    serial, counters = _serials(center_key, year_of_case)
    return Plan(
        received,
        category,
        channel,
        grid,
        county_center,
        serial,
        year_of_case,
        repeat_of,
        merge,
        people,
        counters,
        chunks,
    )


def _in_festival(d: date) -> bool:
    sf = SPRING_FESTIVAL.get(d.year) or SPRING_FESTIVAL.get(d.year + 1)
    return sf is not None and -1 <= (d - sf).days <= 6


def _days_to_festival(d: date) -> int:
    """Days until the next 春节 (negative just after it)."""
    best = 400
    for year in (d.year, d.year + 1):
        sf = SPRING_FESTIVAL.get(year)
        if sf is not None and (sf - d).days >= -10:
            best = min(best, (sf - d).days)
    return best


def _seasonal(codes: list[str], d: date) -> np.ndarray:
    """Seasonal factor per category on day d (heating in winter, grassland in summer, ...)."""
    m = d.month
    to_sf = _days_to_festival(d)
    factors = np.ones(len(codes))
    for i, code in enumerate(codes):
        if code in ("0103", "0803"):  # wages owed before the New Year holiday
            factors[i] = 2.8 if 0 < to_sf <= 45 else (0.5 if -10 <= to_sf <= 0 else 1.0)
        elif code in ("0105", "0405", "0804"):  # grazing, fences, boundaries
            factors[i] = 2.2 if 4 <= m <= 8 else (0.5 if m in (11, 12, 1, 2) else 1.0)
        elif code == "0601":  # heating season mid-October to mid-April
            heating = (
                m in (11, 12, 1, 2, 3) or (m == 10 and d.day >= 15) or (m == 4 and d.day <= 15)
            )
            factors[i] = 3.0 if heating else 0.1
        elif code in ("0403", "0703"):  # summer evenings outdoors
            factors[i] = 1.5 if m in (6, 7, 8) else 1.0
        elif code in ("0109", "0302"):  # icy roads, gas heaters
            factors[i] = 1.4 if m in (12, 1, 2) else 1.0
    return factors


def _channels(rng: np.random.Generator, category: np.ndarray, codes: list[str]) -> np.ndarray:
    channel = np.empty(len(category), dtype=np.int64)
    tops = np.array([code[:2] for code in codes])[category]
    for top, mix in CHANNEL_MIX.items():
        idx = np.flatnonzero(tops == top)
        w = np.array([mix.get(c, 0.0) for c in CHANNELS])
        channel[idx] = rng.choice(len(CHANNELS), size=len(idx), p=w / w.sum())
    return channel


def _office_days(day: np.ndarray, channel: np.ndarray, workday: np.ndarray) -> np.ndarray:
    """Walk-ins and transfers on a day off arrive on the next working day instead."""
    next_work = np.empty(len(workday), dtype=np.int64)
    upcoming = len(workday) - 1  # the last day stands in if no working day follows
    for k in range(len(workday) - 1, -1, -1):
        if workday[k]:
            upcoming = k
        next_work[k] = upcoming
    office = np.isin(channel, [CHANNELS.index(c) for c in OFFICE_CHANNELS])
    return np.where(office, next_work[day], day)


def _times(rng: np.random.Generator, day: np.ndarray, channel: np.ndarray) -> np.ndarray:
    n = len(day)
    office = np.isin(channel, [CHANNELS.index(c) for c in OFFICE_CHANNELS])
    # Office hours 08:30–12:00 and 14:30–18:00, China time.
    morning = rng.random(n) < 0.55
    office_s = np.where(morning, rng.integers(30_600, 43_200, n), rng.integers(52_200, 64_800, n))
    hour = rng.choice(24, size=n, p=HOURLY / HOURLY.sum())
    any_s = hour * 3600 + rng.integers(0, 3600, n)
    seconds = np.where(office, office_s, any_s)
    return (day * 86_400 + seconds - 8 * 3600).astype(np.int64) * US


def _grids(rng, category, codes, grids: list[GridInfo]) -> np.ndarray:
    pop = np.array([max(g.population, 1) for g in grids], dtype=float)
    urban = np.array([g.kind != GridKind.RURAL for g in grids])
    pools = {
        "urban": pop * urban,
        "rural": pop * np.where(urban, 0.1, 1.0),
        "all": pop,
    }
    kind_of_code = [
        "urban" if c in URBAN_ONLY else "rural" if c in RURAL_MOSTLY else "all" for c in codes
    ]
    which = np.array(kind_of_code)[category]
    grid = np.empty(len(category), dtype=np.int64)
    for name, w in pools.items():
        if w.sum() == 0:
            w = pop
        idx = np.flatnonzero(which == name)
        grid[idx] = rng.choice(len(grids), size=len(idx), p=w / w.sum())
    return grid


def _people_counts(rng, category, codes) -> np.ndarray:
    """群体性 matters: wage arrears, land taking and estates bring groups, now and then large."""
    n = len(category)
    group_prone = np.isin(
        np.array(codes)[category], ["0103", "0104", "0106", "0105", "0802", "0803"]
    )
    group = group_prone & (rng.random(n) < 0.08)
    size = np.where(rng.random(n) < 0.85, rng.integers(3, 50, n), rng.integers(50, 700, n))
    return np.where(group, size, 1).astype(np.int64)


def _repeats(rng, received, category, codes, chunk_start, chunk_stop) -> np.ndarray:
    """repeat_of[j] = an earlier case of the same category, same week chunk (its root)."""
    n = len(received)
    repeat_of = np.full(n, -1, dtype=np.int64)
    window = REPEAT_WINDOW_DAYS * DAY_US
    by_cat = {int(c): np.flatnonzero(category == c) for c in np.unique(category)}
    times = {c: received[idx] for c, idx in by_cat.items()}
    hot_prone = np.isin(
        np.array(codes)[category], ["0801", "0802", "0803", "0804", "0805", "0106", "0103", "0104"]
    )
    is_hot = (rng.random(n) < HOT_SHARE * 8) & hot_prone
    taken = np.zeros(n, dtype=bool)
    for i in np.flatnonzero(is_hot).tolist():
        if taken[i]:
            continue
        c = int(category[i])
        same = by_cat[c]
        lo = np.searchsorted(same, i) + 1
        hi = min(np.searchsorted(times[c], received[i] + 20 * DAY_US),
                 np.searchsorted(same, chunk_stop[i]))
        later = same[lo:hi]
        later = later[~taken[later] & ~is_hot[later]]
        for j in later[: int(rng.integers(3, 6))].tolist():
            repeat_of[j] = i
            taken[j] = True
        taken[i] = True
    for j in np.flatnonzero(rng.random(n) < REPEAT_SHARE).tolist():
        if taken[j]:
            continue
        c = int(category[j])
        same = by_cat[c]
        lo = max(np.searchsorted(times[c], received[j] - window),
                 np.searchsorted(same, chunk_start[j]))
        hi = np.searchsorted(same, j)
        if hi <= lo:
            continue
        i = int(same[int(rng.integers(lo, hi))])
        repeat_of[j] = i if repeat_of[i] < 0 else repeat_of[i]
        taken[j] = True
    return repeat_of


def _serials(center_key: np.ndarray, year: np.ndarray) -> tuple[np.ndarray, dict]:
    """Running number per (center, year) in order of receipt, and the last one used."""
    key = (center_key.astype(np.int64) + 1) * 10_000 + year
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_key)) + 1]
    rank = np.arange(len(key)) - np.repeat(starts, np.diff(np.r_[starts, len(key)]))
    serial = np.empty(len(key), dtype=np.int64)
    serial[order] = rank + 1
    counters = {}
    for s in starts.tolist():
        k = int(sorted_key[s])
        counters[(k // 10_000 - 1, k % 10_000)] = int(np.sum(sorted_key == k))
    return serial, counters


def sim_now_us(today: date) -> int:
    """The demo's history ends at 00:00 China time of --today."""
    return day_start_us(to_day_number(today))


def first_day(today: date, months: int = DEFAULT_MONTHS) -> date:
    """The same day of the month `months` months before today (the month's last day if that
    month is shorter)."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(today.day, last))
