"""Synthetic people of the demo county: names, ID numbers and phone numbers that cannot be real.

- ID numbers (GB 11643): region code 159901 + birth date (8) + sequence (3, odd for men, even
  for women) + the check character (ISO 7064 MOD 11-2, computed here for a whole array at once
  and checked against desktop.domain.identity.id_check_char on import). 159901 lies in
  Inner Mongolia's range (15) under prefecture 99, which GB/T 2260 leaves unassigned (see
  desktop.demo.geography), so no demo ID number can belong to a living person, yet each one
  passes validate_id_number.
- Phone numbers: every demo phone number is a mobile number in the ONE block 1700-xxx-xxxx
  (PHONE_BLOCK). The 1700 segment is issued to virtual network operators; we take it as the
  single documented demo block so that a trainer, an auditor or a filter can recognise demo
  numbers at a glance (`phone LIKE '1700%'`). Organisations, staff and grid workers use the
  sub-block 1700000xxxx (STAFF_PHONE_BLOCK); parties draw from the rest of 1700, a space of
  ten million numbers, so unrelated cases rarely share a number by chance (the desk's repeat
  check matches on phone numbers).
- Names come from desktop.demo.names: mostly Han names, about 15 % Mongolian (some written
  名·父名 with a middle dot) and about 2 % with a character outside GBK.

Everything is drawn from a numpy Generator the caller seeds: same seed, same people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from desktop.demo import names
from desktop.demo.geography import COUNTY_CODE
from desktop.domain.identity import id_check_char

PHONE_BLOCK = "1700"  # the one documented block: 1700xxxxxxx
STAFF_PHONE_BLOCK = "1700000"  # its sub-block for organisations, staff and grid workers
ID_REGION = COUNTY_CODE  # 159901: unassigned in GB/T 2260

_ORDINAL_1900 = date(1900, 1, 1).toordinal()
_HAN = np.array(names.HAN_SURNAMES)
_COMPOUND = np.array(names.COMPOUND_SURNAMES)
_GIVEN = np.array(names.HAN_GIVEN_CHARS)
_UNCOMMON = np.array(names.UNCOMMON_GIVEN_CHARS)
_RARE = np.array(names.RARE_GIVEN_CHARS)
_MONGOL_MALE = np.array(names.MONGOLIAN_MALE_NAMES)
_MONGOL_FEMALE = np.array(names.MONGOLIAN_FEMALE_NAMES)
_DOTTED = np.array(names.MONGOLIAN_DOTTED_NAMES)
# GB 11643: weight of digit i is 2^(17-i) mod 11; the check character by remainder.
_WEIGHTS = np.array([pow(2, 17 - i, 11) for i in range(17)], dtype=np.int64)
_CHECK_CHARS = np.array(list("10X98765432"))
_POWERS = 10 ** np.arange(16, -1, -1, dtype=np.int64)  # digit i of a 17-digit number
_REGION = int(ID_REGION)


@dataclass(frozen=True)
class People:
    """n synthetic people as parallel lists (cheap to index while simulating cases)."""

    names: list[str]
    id_numbers: list[str]
    phones: list[str]


def make_people(rng: np.random.Generator, n: int, *, today: date) -> People:
    """n people aged 18–85 on `today`; vectorised, about 1 µs a person."""
    male = rng.random(n) < 0.52
    born = _birth_days(rng, n, today)
    seq = rng.integers(0, 500, n) * 2 + male  # odd for men, even for women
    return People(_names(rng, n, male), id_numbers(born, seq), party_phones(rng, n))


def id_numbers(born: np.ndarray, seq: np.ndarray) -> list[str]:
    """ID numbers for birth days (numpy datetime64[D]) and 3-digit sequence numbers."""
    month = born.astype("datetime64[M]")
    year = born.astype("datetime64[Y]").astype(np.int64) + 1970
    day = (born - month).astype(np.int64) + 1
    ymd = (year * 100 + month.astype(np.int64) % 12 + 1) * 100 + day
    body = (_REGION * 100_000_000 + ymd) * 1000 + seq  # the 17 digits as one integer
    digits = body[:, None] // _POWERS % 10
    check = _CHECK_CHARS[(digits @ _WEIGHTS) % 11]
    return [f"{b}{c}" for b, c in zip(body.tolist(), check.tolist(), strict=True)]


def party_phones(rng: np.random.Generator, n: int) -> list[str]:
    """Mobile numbers 1700xxxxxxx, never in the staff sub-block 1700000xxxx."""
    suffix = rng.integers(10_000, 10_000_000, n)
    return list(map(str, (suffix + int(PHONE_BLOCK) * 10_000_000).tolist()))


def staff_phone(serial: int) -> str:
    """The serial-th number of the staff sub-block (1700000xxxx); deterministic, unique."""
    if not 0 <= serial < 10_000:
        raise ValueError("the staff phone block holds 10,000 numbers")
    return f"{STAFF_PHONE_BLOCK}{serial:04d}"


def _birth_days(rng: np.random.Generator, n: int, today: date) -> np.ndarray:
    latest = today.toordinal() - 18 * 366
    earliest = max(today.toordinal() - 85 * 365, _ORDINAL_1900)
    days = rng.integers(earliest, latest, n)
    return (days - date(1970, 1, 1).toordinal()).astype("datetime64[D]")


def _names(rng: np.random.Generator, n: int, male: np.ndarray) -> list[str]:
    roll = rng.random((n, 5))
    pick = rng.integers(0, 1 << 30, (n, 4))
    mongol = roll[:, 0] < 0.15
    dotted = mongol & (roll[:, 1] < 0.25)
    mongol_pool = np.where(male, 0, 1)
    two_chars = roll[:, 2] < 0.6
    compound = roll[:, 1] < 0.01
    rare = roll[:, 3] < 0.02
    uncommon = ~rare & (roll[:, 4] < 0.05)
    surname = np.where(
        compound, _COMPOUND[pick[:, 0] % len(_COMPOUND)], _HAN[pick[:, 0] % len(_HAN)]
    )
    first = _GIVEN[pick[:, 1] % len(_GIVEN)]
    last = _GIVEN[pick[:, 2] % len(_GIVEN)]
    last = np.where(rare, _RARE[pick[:, 2] % len(_RARE)], last)
    last = np.where(uncommon, _UNCOMMON[pick[:, 2] % len(_UNCOMMON)], last)
    han = np.where(
        two_chars,
        np.char.add(np.char.add(surname, first), last),
        np.char.add(surname, np.where(rare | uncommon, last, first)),
    )
    mongol_name = np.where(
        mongol_pool == 0,
        _MONGOL_MALE[pick[:, 3] % len(_MONGOL_MALE)],
        _MONGOL_FEMALE[pick[:, 3] % len(_MONGOL_FEMALE)],
    )
    full = np.where(dotted, _DOTTED[pick[:, 3] % len(_DOTTED)], mongol_name)
    return np.where(mongol, full, han).tolist()


def _self_check() -> None:
    """The vectorised check characters are id_check_char's, or the import fails loudly."""
    born = np.array(["1950-01-01", "1988-02-29", "2001-12-31"], dtype="datetime64[D]")
    for number in id_numbers(born, np.array([1, 2, 999])):
        if id_check_char(number[:17]) != number[17]:
            raise AssertionError(f"demo ID check character differs from GB 11643: {number}")


_self_check()
