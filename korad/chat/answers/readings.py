"""Which readings of an everyday word a detail question is answered for.

An everyday word has several readings, main reading first ("물" is a pleural effusion, else edema;
"혹" a nodule, else a mass). A detail question ("물 어느쪽이 더 많아요", "물 줄었어요?") is answered for
the main reading that the report gives the asked detail for; the other readings stay only when the
question names them in the report's own words ("흉수와 부종은 어느 쪽이 더 많아요?").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from korad.findings import label
from korad.glossary import find_terms


def main_readings(observations: Sequence[str], answers: Callable[[str], bool], text: str) -> list[str]:
    """The ``observations`` a detail question is answered for: the first that ``answers`` (the report gives
    the asked detail of it) and those the question ``text`` names in report words; all when none answers."""
    if len(set(observations)) < 2:
        return list(observations)
    main = next((o for o in observations if answers(o)), None)
    if main is None:
        return list(observations)
    named = set(label(text)) | {t.observation for t in find_terms(text)}
    return [o for o in observations if o == main or o in named]
