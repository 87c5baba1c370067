"""A change the report states again later holds over the earlier one: an addendum's word is the latest.

"기흉 커졌어요?" on a report whose findings call a pneumothorax new and whose addendum (a follow-up film
4 hours later) calls it unchanged is answered from the addendum; the body's earlier change is told after it.
"""

from __future__ import annotations

from korad.details import Detail
from korad.findings import addendum_of


def _in(detail: Detail, text: str) -> bool:
    said = " ".join((detail.sentence or detail.text).split())
    return bool(said) and said in " ".join(text.split())


def latest_first(report: str, changes: list[Detail]) -> tuple[list[Detail], list[Detail]]:
    """(latest, earlier): ``changes`` with those the report's addendum restates for the same finding and side
    taken as the latest, and the body's changes of that finding set apart as earlier ones."""
    addendum = addendum_of(report or "")
    if not addendum:
        return changes, []
    end = len(report) - len(addendum)
    tail = report[report.rfind("\n", 0, end) + 1 :]  # the addendum with its header line ("[추가판독] ...")
    later = [d for d in changes if _in(d, tail)]
    earlier = [
        d
        for d in changes
        if d not in later
        and any(d.observation == e.observation and (d.side == e.side or None in (d.side, e.side)) for e in later)
    ]
    return [d for d in changes if d not in earlier], earlier


def earlier_line(words: str) -> str:
    """The body's earlier change, told after the addendum's ("(추가 판독 전 본문에는 ...)")."""
    return f"(추가 판독(addendum) 전 판독문 본문에는 {words})"
