"""The data-use policy: where text and models derived from credentialed sources may go.

One module, asked at every exit of korad (docs/data-use.md):

- ``endpoint``: rows from a credentialed source go only to endpoints marked ``allow_credentialed:
  true`` (self-hosted, or a provider under a zero-retention agreement that the source's data-use
  agreement allows): translate, questions, answers, judge, compare and the chat backends ask
  before their first request.
- ``publish``: data or weights derived from a credentialed source never go to a public Hub
  repository; a private one is allowed with a printed notice. Decided from the folder's lineage
  (``korad.lineage``), not from a flag.
- ``review``: credentialed rows go only to an Argilla server declared private (its URL listed in
  ``KORAD_PRIVATE_ARGILLA``).

Credentialed sources: ``mimic-cxr``, ``mimic-iii`` and ``mimic-iv``, plus any listed in
``KORAD_CREDENTIALED_SOURCES`` (comma-separated) or in an endpoints file's ``credentialed_sources``.
Each refusal raises ``DataUseError`` (exit 4) naming the rule, the source and what to do instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from korad.errors import DataUseError
from korad.lineage import CARD_KEY, normalise_source

DEFAULT_CREDENTIALED_SOURCES = ("mimic-cxr", "mimic-iii", "mimic-iv")
CREDENTIALED_SOURCES_VARIABLE = "KORAD_CREDENTIALED_SOURCES"
PRIVATE_ARGILLA_VARIABLE = "KORAD_PRIVATE_ARGILLA"

ENDPOINT_RULE = "credentialed data only to allowed endpoints"
PUBLISH_RULE = "no public release of credentialed data or weights"
REVIEW_RULE = "credentialed data only to a private review server"


def _names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise_source(v) for v in values if str(v).strip())


def _listed(variable: str) -> list[str]:
    return [item.strip() for item in os.environ.get(variable, "").split(",") if item.strip()]


@dataclass(frozen=True)
class DataUsePolicy:
    """Which sources are credentialed, and the checks every exit makes."""

    credentialed: frozenset[str]

    @classmethod
    def load(cls, extra: Iterable[str] = ()) -> DataUsePolicy:
        """The defaults, plus ``KORAD_CREDENTIALED_SOURCES``, plus ``extra`` (an endpoints file's list)."""
        return cls(_names([*DEFAULT_CREDENTIALED_SOURCES, *_listed(CREDENTIALED_SOURCES_VARIABLE), *extra]))

    def restricted(self, sources: Iterable[str] | None) -> list[str]:
        """The credentialed ones among ``sources``, sorted."""
        return sorted(_names(sources or ()) & self.credentialed)

    def check_endpoint(self, endpoint, sources: Iterable[str], exit: str) -> None:
        """Before the first request of ``exit`` (e.g. "translate", "judge", "chat") to ``endpoint``."""
        restricted = self.restricted(sources)
        if restricted and not endpoint.allow_credentialed:
            raise DataUseError(
                ENDPOINT_RULE,
                ", ".join(restricted),
                f"{exit} would send it to endpoint {endpoint.name!r}, which is not marked allow_credentialed. "
                "Use a self-hosted model or a provider under a zero-retention agreement that the data-use "
                f"agreement permits, and set `allow_credentialed: true` for that endpoint; nothing was sent",
            )

    def check_publish(self, sources: Iterable[str] | None, repo_id: str, private: bool) -> str:
        """Before an upload to the Hub: raises for a public repo; returns the notice to print."""
        if sources is None:
            return (
                f"notice: {repo_id}: the folder records no lineage (no `source` column, no {CARD_KEY} in "
                "its card); korad cannot check its data-use rules: make sure its sources allow this release"
            )
        restricted = self.restricted(sources)
        if not restricted:
            return ""
        if not private:
            raise DataUseError(
                PUBLISH_RULE,
                ", ".join(restricted),
                f"{repo_id} would be public. Push to a private repository (drop --public) shared only with "
                "credentialed users; public release of derived data or weights goes through PhysioNet",
            )
        return (
            f"notice: {repo_id} is private and holds data or weights derived from credentialed source(s) "
            f"{', '.join(restricted)}: share it only with users credentialed for them, never make it public"
        )

    def check_review(self, sources: Iterable[str], server_url: str) -> None:
        """Before records are pushed to the Argilla server at ``server_url``."""
        restricted = self.restricted(sources)
        if restricted and not is_private_review_server(server_url):
            raise DataUseError(
                REVIEW_RULE,
                ", ".join(restricted),
                f"the Argilla server {server_url} is not declared private. If it is self-hosted or private to "
                f"credentialed reviewers, list its URL in {PRIVATE_ARGILLA_VARIABLE}; otherwise review rows of "
                "other sources only; nothing was pushed",
            )


def is_private_review_server(url: str) -> bool:
    """Whether ``url`` is one of the Argilla servers declared private in ``KORAD_PRIVATE_ARGILLA``."""
    return url.rstrip("/") in {u.rstrip("/") for u in _listed(PRIVATE_ARGILLA_VARIABLE)}
