"""Run olah (in its own venv) with one fix: a file missing from a local mirror is a 404 EntryNotFound.

olah 0.5.4 in offline mode answers a request for a file that a mirrored repo does not have with
401 "Repository not found". The Hub answers 404 with ``X-Error-Code: EntryNotFound``, and clients
rely on it: transformers' ``from_pretrained`` probes every model repo for ``adapter_config.json``
and treats a 401 as a missing repository. This launcher wraps olah's two file routes so that, for
a repo that has a local mirror, a missing file gets the Hub's answer; the tree API does the same for
a missing folder (transformers lists ``additional_chat_templates/``). Everything else is olah's.

    .venv-olah/bin/python korad/testing/olah_offline.py -c olah.toml
"""

import sys

import olah.server_api_routes as api_routes
import olah.server_file_routes as routes
from olah.errors import error_entry_not_found
from olah.server_access import build_repo_ref
from olah.server_mirror import has_local_mirror, load_local_mirror_payload


def _missing(app, repo_type, org, repo, commit, file_path) -> bool:
    ref = build_repo_ref(repo_type, org, repo)
    if not (app.state.app_settings.config.offline and has_local_mirror(app, ref)):
        return False
    head = load_local_mirror_payload(
        app, ref, lambda mirror: mirror.get_file_head(commit_hash=commit, path=file_path), routes._get_logger(app)
    )
    return head is None


def _wrap(route):
    async def wrapped(app, repo_type, org, repo, commit, file_path, request):
        if _missing(app, repo_type, org, repo, commit, file_path):
            return error_entry_not_found()
        return await route(app, repo_type, org, repo, commit, file_path, request)

    return wrapped


def _wrap_tree(route):
    async def wrapped(app, repo_type, org, repo, commit, path, recursive, expand, method, authorization):
        ref = build_repo_ref(repo_type, org, repo)
        if path.strip("/") and app.state.app_settings.config.offline and has_local_mirror(app, ref):
            tree = load_local_mirror_payload(
                app, ref, lambda mirror: mirror.get_tree(commit, path), routes._get_logger(app)
            )
            if tree is None:
                return error_entry_not_found()
        return await route(app, repo_type, org, repo, commit, path, recursive, expand, method, authorization)

    return wrapped


api_routes.tree_proxy_common = _wrap_tree(api_routes.tree_proxy_common)
routes.file_head_common = _wrap(routes.file_head_common)
routes.file_get_common = _wrap(routes.file_get_common)

if __name__ == "__main__":
    from olah.server import cli

    sys.exit(cli())
