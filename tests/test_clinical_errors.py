"""Clinical errors of an answer against its report, by type (korad.clinical_errors)."""

import pytest

from korad.clinical_errors import ERROR_TYPES, clinical_errors, error_counts

REPORT = "Small left pleural effusion. No pneumothorax."


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("우측에 흉수가 있습니다.", "wrong_side"),
        ("기흉이 있습니다.", "false_finding"),
        ("흉수는 없습니다.", "denied_finding"),
    ],
)
def test_each_error_is_counted_under_its_type(answer, kind):
    counts = error_counts(clinical_errors(REPORT, answer))
    assert counts[kind] == 1
    assert sum(counts.values()) == 1


def test_a_faithful_answer_has_no_error_and_every_type_is_counted():
    counts = error_counts(clinical_errors(REPORT, "좌측에 소량의 흉수가 있고, 기흉은 없습니다."))
    assert list(counts) == list(ERROR_TYPES)
    assert not any(counts.values())
