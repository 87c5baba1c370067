"""datasets_builder pieces that need no server: filters, checks, task choice, parsing, local translator."""

import asyncio
import json

import pytest

from korad.datasets_builder.checks import translation_problems
from korad.datasets_builder.filters import AnswerFilter, filter_pair, sentence_count, similarity
from korad.datasets_builder.questions import choose_tasks, parse_json_reply
from korad.datasets_builder.translate import Seq2SeqTranslator, make_translate
from korad.findings import label
from korad.samples import load_sample_reports
from korad.testing.fake_teacher import fake_translation

REPORT = "FINDINGS: No pneumothorax. Small right pleural effusion measuring 2.5 cm."


def pair(answer, question="흉수가 있나요?", qa_id="r1-q0"):
    return {"id": "r1", "qa_id": qa_id, "question": question, "answer": answer}


@pytest.fixture
def answer_filter():
    return AnswerFilter({"r1": label(REPORT)})


def test_a_grounded_korean_answer_passes(answer_filter):
    record, reason = filter_pair(answer_filter, pair("네, 우측에 소량의 흉수(pleural effusion)가 있습니다."))
    assert reason is None and record["accepted"] and set(record["checks"].values()) == {True}


@pytest.mark.parametrize(
    ("answer", "check"),
    [
        ("Yes, there is a small right pleural effusion.", "language"),
        ("흉수가 있습니다. 크기는 작습니다. 우측입니다. 기흉은 없습니다.", "length"),
        ("AI 언어 모델로서 의학적 판단을 드릴 수 없습니다.", "refusal"),
        ("죄송하지만 답변할 수 없습니다.", "refusal"),
        ("네, 기흉이 있습니다.", "grounding"),
        ("흉수는 없습니다.", "grounding"),
    ],
)
def test_each_filter_rejects_with_its_reason(answer_filter, answer, check):
    record, reason = filter_pair(answer_filter, pair(answer))
    assert not record["accepted"] and reason.startswith(f"{check}:")


def test_grounding_reason_names_the_contradiction(answer_filter):
    _, reason = filter_pair(answer_filter, pair("네, 기흉이 있습니다."))
    assert reason == "grounding: answer contradicts the report: Pneumothorax positive but report negative"


def test_near_duplicate_questions_of_one_report(answer_filter):
    assert filter_pair(answer_filter, pair("흉수가 있습니다.", "흉수가 있나요?", "r1-q0"))[1] is None
    _, reason = filter_pair(answer_filter, pair("흉수가 있습니다.", "흉수가  있나요 ?", "r1-q1"))
    assert reason.startswith("duplicate:")
    assert filter_pair(answer_filter, pair("소량입니다.", "흉수의 양은 얼마나 되나요?", "r1-q2"))[1] is None
    assert similarity("기흉이 있나요?", "기흉이 있나요?") == 1.0 and similarity("기흉", "심비대 소견") < 0.2


def test_sentence_count_ignores_decimal_points():
    assert sentence_count("흉수는 2.5 cm 크기입니다. 기흉은 없습니다.") == 2


def test_translation_checks_name_each_problem():
    good = "소견: 기흉(pneumothorax)은 없음. 우측에 2.5 cm 크기의 소량 흉수(pleural effusion)가 있음."
    assert translation_problems(REPORT, good) == []
    bad = "소견: 기흉은 있음. 좌측에 소량 흉수가 있음."
    problems = translation_problems(REPORT, bad)
    assert problems[0] == "numbers: 2.5 cm missing"
    assert "laterality: 'right' in the source, not in the translation" in problems
    assert problems[-1] == "findings: Pneumothorax negative→positive"
    assert translation_problems("Comparison: ___. No effusion.", "비교: 없음. 흉수 없음.")[0].startswith("de-id")


def test_numbers_with_korean_particles_keep_their_units():
    assert translation_problems("ET tube 4 cm above the carina.", "기관내관은 carina 상방 4 cm에 위치함.") == []


@pytest.mark.parametrize("report", load_sample_reports("en") + load_sample_reports("mixed"), ids=lambda r: r["id"])
def test_fake_teacher_translations_pass_the_checks(report):
    # the local teacher must be a fair stand-in: its translations keep what the checks check
    assert translation_problems(report["text"], fake_translation(report["text"])) == []


def test_task_choice_is_weighted_distinct_and_stable():
    assert choose_tasks("r1", 4) == choose_tasks("r1", 4)
    assert len(set(choose_tasks("r1", 4))) == 4
    assert choose_tasks("r1", 3, {"summary": 1, "qa": 0}) == ["summary"]
    with pytest.raises(ValueError, match="unknown task"):
        choose_tasks("r1", 2, {"poetry": 1})


@pytest.mark.parametrize(
    "reply",
    [
        '{"questions": [{"task": "qa", "question": "무엇인가요?"}]}',
        '```json\n{"questions": [{"task": "qa", "question": "무엇인가요?"}]}\n```',
        'Here you go:\n{"questions": [{"task": "qa", "question": "무엇인가요?"}]}\nThanks',
    ],
)
def test_json_replies_are_parsed_leniently(reply):
    assert parse_json_reply(reply)["questions"][0]["question"] == "무엇인가요?"


def test_unparseable_reply_is_an_error():
    with pytest.raises(ValueError, match="no JSON"):
        parse_json_reply("질문을 만들 수 없습니다.")


def test_local_seq2seq_translator_runs_and_its_output_is_checked(tmp_path):
    from korad.stage import Reject
    from korad.testing.tiny_models import build_tiny_t5

    corpus = [r["text"] for r in load_sample_reports()]
    build_tiny_t5(corpus, tmp_path / "t5")
    process = make_translate(Seq2SeqTranslator(tmp_path / "t5", max_new_tokens=8))
    english = {"id": "e", "language": "en", "text": REPORT, "kind": "report"}
    with pytest.raises(Reject, match="translation check failed"):  # a random model cannot translate
        asyncio.run(process(english))
    korean = {"id": "k", "language": "ko", "text": "기흉 없음.", "kind": "report", "sections": {}}
    [record] = asyncio.run(process(korean))
    assert record["text_ko"] == "기흉 없음." and record["translation"]["engine"] == "none"
    assert json.dumps(record, ensure_ascii=False)
