"""Pushing review items to Argilla: create the dataset (or check its schema), then upsert records by id."""

from __future__ import annotations

from typing import Any

from korad.errors import InputError
from korad.lineage import sources_of
from korad.policy import DataUsePolicy
from korad.review.records import to_records
from korad.review.schema import check_schema, review_settings


def push_items(
    client, items: list[dict[str, Any]], name: str, workspace: str, min_submitted: int = 2, settings=review_settings
):
    """Create the dataset ``workspace/name`` with ``settings(client, min_submitted)`` (or check an existing
    one's schema against them) and upsert ``items``.

    The data-use policy first: credentialed rows (an item's ``source``) go only to a server declared private."""
    import argilla as rg

    DataUsePolicy.load().check_review(sources_of(items), client.api_url)

    dataset = client.datasets(name, workspace=workspace)
    if dataset is None:
        if client.workspaces(workspace) is None:
            raise InputError(f"argilla workspace {workspace!r}", "does not exist")
        dataset = rg.Dataset(
            name=name, workspace=workspace, settings=settings(client, min_submitted), client=client
        )
        dataset.create()
    else:
        check_schema(dataset, name, settings)
    dataset.records.log(to_records(items))
    return dataset
