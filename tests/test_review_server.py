"""Where `korad review` finds its Argilla server: the local docker-compose file, --api-url or the
environment, and a Hugging Face Space's token sent to Spaces only."""

import re

import yaml
from conftest import ROOT, free_port
from test_review import run_script

from korad.review.connection import space_headers

COMPOSE = ROOT / "argilla" / "docker-compose.yaml"
DOCS = ROOT / "docs" / "review-server.md"


def test_the_compose_file_runs_the_server_korad_talks_to_on_the_port_the_docs_give():
    import argilla

    compose = yaml.safe_load(COMPOSE.read_text())
    services = compose["services"]
    assert set(services) == {"argilla", "worker", "postgres", "elasticsearch", "redis"}
    server = services["argilla"]
    # the server's version is the client's: the review schema korad pushes is the one it serves
    assert server["image"] == f"argilla/argilla-server:v{argilla.__version__}" == services["worker"]["image"]
    assert "argilla_server worker" in services["worker"]["command"]
    assert server["ports"] == ["127.0.0.1:6900:6900"]  # this machine only
    environment = server["environment"]
    assert environment["ARGILLA_ELASTICSEARCH"] == "http://elasticsearch:9200"
    assert environment["ARGILLA_REDIS_URL"] == "redis://redis:6379/0"
    assert environment["ARGILLA_DATABASE_URL"].endswith("@postgres:5432/argilla")
    assert set(server["depends_on"]) == {"postgres", "elasticsearch", "redis"}
    # no secret in the file: the owner's key is the variable korad review reads, the others are variables too
    assert environment["API_KEY"].startswith("${ARGILLA_API_KEY:?")
    assert environment["PASSWORD"].startswith("${") and environment["ARGILLA_AUTH_SECRET_KEY"].startswith("${")
    assert server["environment"]["WORKSPACE"] == "argilla"  # korad review's default workspace

    docs = DOCS.read_text()
    assert "docker compose -f argilla/docker-compose.yaml up -d" in docs
    assert "ARGILLA_API_URL=http://localhost:6900" in docs
    assert re.search(r"rg\.Argilla\.deploy_on_spaces\(", docs)
    for service in services:
        assert f"`{service}`" in docs, service


def test_api_url_option_wins_over_the_environment(argilla_server, dataset_dir):
    dead = f"http://127.0.0.1:{free_port()}"
    push = ["--qa", str(dataset_dir), "--split", "train", "--limit", "2", "--name", "api-url-option"]
    chosen = run_script("push", *push, "--api-url", argilla_server.api_url, url=dead, key=argilla_server.api_key)
    assert chosen.returncode == 0, chosen.stderr[-3000:]
    assert "pushed 2 records" in chosen.stdout
    from_environment = run_script("push", *push, url=dead, key=argilla_server.api_key)
    assert from_environment.returncode == 2 and f"{dead}: cannot reach the Argilla server" in from_environment.stderr


def test_the_hugging_face_token_goes_to_a_space_and_nowhere_else(monkeypatch, tmp_path):
    import huggingface_hub.constants

    token = "hf_" + "T" * 34
    monkeypatch.setenv("HF_TOKEN", token)
    assert space_headers("https://org-korad-review.hf.space") == {"Authorization": f"Bearer {token}"}
    assert space_headers("http://localhost:6900") == {}
    assert space_headers("https://hf.space.example.com/x.hf.space") == {}
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(tmp_path / "no-token"))
    assert space_headers("https://org-korad-review.hf.space") == {}  # a public Space needs no token
