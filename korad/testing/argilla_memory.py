"""Run the real argilla-server for tests, with an in-memory search engine instead of Elasticsearch.

Runs in argilla-server's own virtual environment (``.venv-argilla``; its pins clash with gradio):

    ARGILLA_DATABASE_URL=sqlite:///... ARGILLA_REDIS_URL=redis://127.0.0.1:PORT/0 \\
    ARGILLA_SEARCH_ENGINE=memory .venv-argilla/bin/python korad/testing/argilla_memory.py --port 6900

argilla-server looks its search engine up by name through ``SearchEngine.register``; this module
registers ``memory``: records are kept per dataset in insertion order, searches return them all
(no text search, filters or sorting), one process only. Everything else (API, database, users,
responses, suggestions) is the real server. Production uses Elasticsearch or OpenSearch, or an
Argilla Space on the Hub.
"""

from __future__ import annotations

import argparse
from uuid import UUID

from argilla_server.search_engine.base import (
    SearchEngine,
    SearchResponseItem,
    SearchResponses,
    TermsMetrics,
)

_RECORDS: dict[UUID, dict[UUID, str]] = {}
"""dataset id -> {record id -> record status}, in insertion order."""


@SearchEngine.register(engine_name="memory")
class MemorySearchEngine(SearchEngine):
    @classmethod
    async def new_instance(cls) -> MemorySearchEngine:
        return cls()

    async def close(self):
        pass

    async def ping(self) -> bool:
        return True

    async def info(self) -> dict:
        return {"engine": "memory"}

    async def create_index(self, dataset):
        _RECORDS.setdefault(dataset.id, {})

    async def delete_index(self, dataset):
        _RECORDS.pop(dataset.id, None)

    async def configure_metadata_property(self, dataset, metadata_property):
        pass

    async def index_records(self, dataset, records):
        index = _RECORDS.setdefault(dataset.id, {})
        for record in records:
            index[record.id] = str(getattr(record, "status", "pending"))

    async def partial_record_update(self, record, **update):
        if "status" in update and record.dataset_id in _RECORDS:
            _RECORDS[record.dataset_id][record.id] = str(update["status"])

    async def delete_records(self, dataset, records):
        index = _RECORDS.get(dataset.id, {})
        for record in records:
            index.pop(record.id, None)

    async def update_record_response(self, response):
        pass

    async def delete_record_response(self, response):
        pass

    async def update_record_suggestion(self, suggestion):
        pass

    async def delete_record_suggestion(self, suggestion):
        pass

    async def get_dataset_progress(self, dataset) -> dict:
        statuses = list(_RECORDS.get(dataset.id, {}).values())
        progress = {"total": len(statuses)}
        for status in statuses:
            key = status.rsplit(".", 1)[-1]
            progress[key] = progress.get(key, 0) + 1
        return progress

    async def get_dataset_user_progress(self, dataset, user) -> dict:
        return {"total": 0}

    async def search(self, dataset, query=None, filter=None, sort=None, offset=0, limit=100, user_id=None):
        ids = list(_RECORDS.get(dataset.id, {}))
        items = [SearchResponseItem(record_id=record_id, score=None) for record_id in ids[offset : offset + limit]]
        return SearchResponses(items=items, total=len(ids))

    async def compute_metrics_for(self, metadata_property):
        return TermsMetrics(total=0, values=[])

    async def similarity_search(self, dataset, vector_settings, **kwargs):
        return SearchResponses(items=[], total=0)


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description="argilla-server with an in-memory search engine (tests only)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=6900)
    args = parser.parse_args()
    from argilla_server import app

    uvicorn.run(app, host=args.host, port=args.port, access_log=False)


if __name__ == "__main__":
    main()
