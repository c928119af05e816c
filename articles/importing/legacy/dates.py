"""Dates as Vietnamese portals write them.

Day first, always: "23/9/2021", "Ngày 23/9/2021", "Thứ năm, 23/09/2021 08:15",
"Cập nhật: 23-09-2021", "ngày 23 tháng 9 năm 2021". The time of day, the weekday and labels
around the date are ignored. A date-shaped text that is not a real day (31/02/2021) raises
:class:`UnreadableDate`, so a wrong date is reported rather than guessed.
"""

from __future__ import annotations

import datetime
import re

# Day, month and year separated by one and the same "/", "-" or "."; two-digit years are
# read as 20xx (the portals date from the 2000s). Document numbers such as 42/2022/NĐ-CP do
# not match: the digits around them are checked.
NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    r"(?![\d/]|-\d)"
)
WORDED_DATE = re.compile(
    r"(?:ngày\s+)?(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s*(?:năm|,)\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
EARLIEST_YEAR, LATEST_YEAR = 1945, 2100


class UnreadableDate(ValueError):
    """A text that should hold a date and does not, or holds an impossible one."""

    def __init__(self, text: str, why: str = "no date in it"):
        self.text = " ".join(text.split())
        super().__init__(f"{self.text!r}: {why}")


def find_vietnamese_date(text: str) -> datetime.date | None:
    """The first date written in `text`, or None when it holds nothing date-shaped.

    Raises UnreadableDate when the first date-shaped part is not a real day.
    """
    matches = [
        match
        for pattern in (WORDED_DATE, NUMERIC_DATE, ISO_DATE)
        for match in pattern.finditer(text)
    ]
    if not matches:
        return None
    first = min(matches, key=lambda match: match.start())
    return _to_date(first, text)


def parse_vietnamese_date(text: str) -> datetime.date:
    """The date in a field that is meant to hold one ("Thứ năm, 23/09/2021 08:15")."""
    found = find_vietnamese_date(text)
    if found is None:
        raise UnreadableDate(text)
    return found


def _to_date(match: re.Match[str], text: str) -> datetime.date:
    day, month, year = (int(match[name]) for name in ("day", "month", "year"))
    if year < 100:
        year += 2000
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise UnreadableDate(text, f"the year {year} is out of range")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise UnreadableDate(text, f"{match.group().strip()} is not a real day") from None
