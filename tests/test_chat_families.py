"""Families of real wording a fresh reader found answered in a way a doctor would not sign (issue #16)."""

import pytest

from korad.chat.grounded import answer_question, reply
from korad.chat.protocol import ChatRequest


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        (
            "Enlarged heart, small effusions on both sides, and vascular congestion in keeping with worsening CHF.",
            "심부전 악화됐어요?",
            "네",
            ["이전보다 악화"],
        ),
        ("양측 흉수 및 심비대, 울혈성 심부전 호전 소견.", "심부전 나빠졌나요?", "아니요", ["호전"]),
        ("Bilateral basal opacities. Known heart failure.", "심부전이 더 심해졌어요?", "확실하지 않습니다", ["변화는 적혀 있지 않"]),
    ],
)
def test_a_syndrome_has_a_change_and_no_side(report, question, start, words):
    answer = answer_question(report, question)
    assert answer.startswith(start) and all(w in answer for w in words), answer
    assert "양측에" not in answer, answer  # the effusions' side is not the heart failure's


@pytest.mark.parametrize(
    ("question", "words", "never"),
    [
        ("왼쪽에 뭐가 있어요?", ["좌측", "무기폐", "흉수"], ["결절", "아니요"]),
        ("오른쪽엔 무슨 소견이 있어요?", ["우측", "결절", "흉수"], ["무기폐"]),
    ],
)
def test_what_is_on_one_side_lists_that_side_only(question, words, never):
    report = "6 mm nodule in the right middle lobe. Plate-like atelectasis at the left base. Small bilateral effusions."
    answer = answer_question(report, question)
    assert all(w in answer for w in words) and not any(w in answer for w in never), answer


def test_a_follow_up_change_question_is_about_the_finding_asked_before():
    report = "Moderate right pleural effusion, similar to prior. Interstitial edema has increased."
    first = "오른쪽 흉수 있어요?"
    history = [(first, answer_question(report, first))]
    answer = reply(ChatRequest.about(report, "전보다 늘었어요?", history)).text
    assert answer.startswith("아니요") and "흉수" in answer and "폐부종" not in answer, answer


@pytest.mark.parametrize(
    ("report", "question", "words", "never"),
    [
        ("Bilateral effusions, large on the left and trace on the right.", "흉수 양이 얼마나 돼요?", ["좌측", "우측"], []),
        ("Bilateral effusions, large on the left and trace on the right.", "오른쪽 흉수는 얼마나 돼요?", ["우측"], ["좌측"]),
        ("Small right pneumothorax.", "왼쪽 기흉 얼마나 돼요?", ["적혀 있지 않", "우측"], ["경미한"]),
    ],
)
def test_each_side_keeps_its_own_amount(report, question, words, never):
    answer = answer_question(report, question)
    assert all(w in answer for w in words) and not any(w in answer for w in never), answer


def test_the_summary_keeps_each_sides_amount():
    answer = answer_question("Bilateral pleural effusions, moderate on the left and small on the right.", "요약해 주세요")
    assert "좌측 · 중등량" in answer and "우측 · 소량" in answer, answer


@pytest.mark.parametrize(
    "report",
    [
        "Two small calcified nodules in the right lower zone. No active lung lesion.",
        "Calcified granuloma, left mid lung.\nIMPRESSION: No active pulmonary lesion.",
    ],
)
def test_no_active_lung_lesion_does_not_deny_the_nodules_beside_it(report):
    summary = answer_question(report, "요약해 주세요")
    assert "결절 또는 종괴는 없다고" not in summary, summary
    assert not answer_question(report, "결절 있어요?").startswith("아니요")


@pytest.mark.parametrize(
    ("report", "question", "words", "never"),
    [
        ("Minimally displaced fracture of the right ninth rib laterally.", "어느 갈비뼈가 부러졌어요?", ["9번째 늑골"], ["1개"]),
        ("우측 제3, 4 늑골 골절 소견.", "갈비뼈 몇 번째가 금 갔어요?", ["3, 4번째 늑골"], []),
        ("Several healing left rib fractures.", "몇 번째 갈비뼈예요?", ["몇 번째 늑골인지는 적혀 있지 않습니다"], ["개라고"]),
    ],
)
def test_which_rib_is_an_ordinal_not_a_count(report, question, words, never):
    answer = answer_question(report, question)
    assert all(w in answer for w in words) and not any(w in answer for w in never), answer


@pytest.mark.parametrize(
    ("report", "question", "words"),
    [
        ("The cardiac silhouette is within normal limits. No focal consolidation.", "심장은요?", ["cardiac silhouette"]),
        ("심장 크기 정상. 양측 폐야 깨끗함.", "폐는 어때요?", ["폐야 깨끗함"]),
        ("No pleural effusion or pneumothorax. Mild cardiomegaly.", "흉막은요?", ["No pleural effusion"]),
    ],
)
def test_a_bare_organ_question_is_answered_from_what_the_report_writes_of_it(report, question, words):
    answer = answer_question(report, question)
    assert "답할 수 없습니다" not in answer and all(w in answer for w in words), answer


@pytest.mark.parametrize(
    ("report", "question", "words"),
    [
        ("Endotracheal tube terminates 0.8 cm above the carina; withdraw 2 cm.", "관 빼야 돼 더 넣어야 돼?", ["빼"]),
        ("ETT tip 8 cm above carina, advance 3 cm.", "튜브 더 넣어야 돼요 아니면 빼야 돼요?", ["더 넣"]),
    ],
)
def test_which_of_two_corrections_gets_no_yes_or_no(report, question, words):
    answer = answer_question(report, question)
    assert not answer.startswith(("네", "아니요")) and all(w in answer for w in words), answer


@pytest.mark.parametrize(
    ("report", "question", "words"),
    [
        ("Dual-chamber pacemaker with leads in the RA and RV.", "박동기 선이 몇 개예요?", ["2"]),
        ("Rt. lower lobe pneumonia. 치료 후 4주 뒤 추적 촬영 권함.", "다음 사진은 언제 찍어요?", ["4주"]),
        ("Lt. large effusion, 증가 → pigtail drainage 고려.", "추가로 무슨 검사나 시술 해요?", ["drainage"]),
        ("Moderate right effusion. CT f/u 고려.", "다음 엑스레이 찍어야 돼요?", ["CT"]),
    ],
)
def test_everyday_follow_up_and_device_wordings_are_read(report, question, words):
    answer = answer_question(report, question)
    assert "답할 수 없습니다" not in answer and "권고가 없습니다" not in answer, answer
    assert all(w in answer for w in words), answer


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("radiation fibrosis가 무슨 뜻이에요?", ["방사선 섬유화", "딱딱"]),
        ("벌집 모양 폐가 뭐예요?", ["벌집모양", "낭"]),
        ("동요흉이 무슨 말이에요?", ["갈비뼈", "반대로"]),
    ],
)
def test_words_of_chronic_lung_disease_and_chest_injury_are_explained(question, words):
    answer = answer_question("Bibasilar reticular opacities.", question)
    assert "답할 수 없습니다" not in answer and all(w in answer for w in words), answer


@pytest.mark.parametrize(
    ("question", "start"),
    [("흉수 오른쪽뿐이에요?", "아니요"), ("왼쪽에만 물이 찼어요?", "아니요"), ("흉수 오른쪽에 있어요?", "네")],
)
def test_one_side_only_is_no_when_the_other_side_has_it_too(question, start):
    report = "Moderate right pleural effusion.\nADDENDUM: A small left effusion is also present on the lateral view."
    answer = answer_question(report, question)
    assert answer.startswith(start) and "A small left effusion is also present" in answer, answer  # both quoted


@pytest.mark.parametrize(
    ("question", "start", "words"),
    [
        ("이제 관은 다 뺀 거예요?", "아니요", ["PICC", "아직"]),
        ("콧줄은 뺀 거죠?", "네", ["비위관", "제거"]),
    ],
)
def test_a_removal_asked_as_a_state_is_a_removal_question(question, start, words):
    report = "The feeding tube has been removed. Left arm PICC terminates in the mid SVC."
    answer = answer_question(report, question)
    assert answer.startswith(start) and all(w in answer for w in words), answer


def test_a_hole_in_everyday_words_is_a_cavity_unless_the_lung_has_sprung_a_leak():
    healed = "치료 후 좌상엽 공동은 더 이상 보이지 않음. 섬유성 변화 잔존."
    answer = answer_question(healed, "구멍은 이제 없는 거죠?")
    assert answer.startswith("네") and "공동" in answer, answer
    leak = "Small left apical pneumothorax."
    assert "기흉" in answer_question(leak, "폐에 구멍 났어요?")
