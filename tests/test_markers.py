"""Service markers: a test whose service is missing skips with the reason, and fails under KORAD_REQUIRE_ALL=1."""

from conftest import missing_services

PROBE = "tests/test_hub.py::test_load_dataset_and_peft_adapter_by_hub_id"  # uses hub_mirror: needs olah


def test_a_missing_service_is_named():
    assert missing_services(["needs_redis", "slow", "needs_redis"]) in ([], ["redis-server (bash setup.sh installs it)"])


def test_missing_olah_skips_with_the_reason_and_fails_when_everything_is_required(run, tmp_path):
    env = {"KORAD_OLAH_PYTHON": str(tmp_path / "no-olah" / "python"), "KORAD_REQUIRE_ALL": ""}
    skipped = run("-m", "pytest", PROBE, "-q", "-rs", "-p", "no:cacheprovider", env=env)
    assert skipped.returncode == 0 and "1 skipped" in skipped.stdout
    assert "missing olah in .venv-olah" in skipped.stdout
    required = run("-m", "pytest", PROBE, "-q", "-p", "no:cacheprovider", env={**env, "KORAD_REQUIRE_ALL": "1"})
    assert required.returncode == 1 and "KORAD_REQUIRE_ALL=1: missing olah" in required.stdout
