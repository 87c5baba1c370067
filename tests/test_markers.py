"""Service markers: a test whose service is missing skips with the reason, and fails under KORAD_REQUIRE_ALL=1."""

import conftest
import pytest
from _pytest.outcomes import Failed, Skipped


class FakeItem:
    """What the hooks read of a test item: its fixtures and markers."""

    def __init__(self, fixtures=(), markers=()):
        self.fixturenames = list(fixtures)
        self.markers = [getattr(pytest.mark, name).mark for name in markers]

    def add_marker(self, name):
        self.markers.append(getattr(pytest.mark, name).mark)

    def iter_markers(self):
        return iter(self.markers)


def test_tests_using_a_service_fixture_carry_its_markers():
    item = FakeItem(fixtures=["argilla_server", "tmp_path"])
    conftest.pytest_collection_modifyitems(None, [item])
    assert [m.name for m in item.markers] == ["needs_argilla", "needs_redis"]


def test_missing_service_skips_with_the_reason_or_fails_when_everything_is_required(monkeypatch, tmp_path):
    monkeypatch.setenv("KORAD_OLAH_PYTHON", str(tmp_path / "no-olah" / "python"))
    monkeypatch.delenv("KORAD_REQUIRE_ALL", raising=False)
    item = FakeItem(fixtures=["hub_mirror"])
    conftest.pytest_collection_modifyitems(None, [item])
    with pytest.raises(Skipped, match=r"missing olah in \.venv-olah"):
        conftest.pytest_runtest_setup(item)
    monkeypatch.setenv("KORAD_REQUIRE_ALL", "1")
    with pytest.raises(Failed, match=r"KORAD_REQUIRE_ALL=1: missing olah"):
        conftest.pytest_runtest_setup(item)
    conftest.pytest_runtest_setup(FakeItem(markers=["timeout"]))  # no service asked: runs
