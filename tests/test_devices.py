"""Tubes, lines and devices: their names, where the report places them, and the chat's answers about one device."""

import pytest
from helpers import assert_answered

from korad.chat.grounded import answer_question
from korad.chat.questions import read_question
from korad.chat.triage import urgent, urgent_notices
from korad.findings import label_report


def _device(text: str, observation: str):
    found = [d for d in label_report(text).details if d.observation == observation]
    assert found, f"{observation} not found in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("NGT tip in the stomach.", "Nasogastric Tube"),
        ("OGT courses below the diaphragm.", "Nasogastric Tube"),
        ("Dobhoff terminates in the second portion of the duodenum.", "Nasogastric Tube"),
        ("경관 영양관 끝은 위 내에 위치.", "Nasogastric Tube"),
        ("Left IJ terminates at the cavoatrial junction.", "Central Line"),
        ("R IJ introducer sheath in place.", "Central Line"),
        ("우측 쇄골하 카테터 끝은 상대정맥에 위치.", "Central Line"),
        ("Tracheostomy tube in standard position.", "Tracheostomy Tube"),
        ("기관절개관 유지 중.", "Tracheostomy Tube"),
        ("Swan-Ganz catheter terminates in the right main pulmonary artery.", "Pulmonary Artery Catheter"),
        ("스완간츠 카테터 끝은 우측 폐동맥에 위치.", "Pulmonary Artery Catheter"),
        ("IABP tip 2 cm below the top of the aortic arch.", "Cardiac Assist Device"),
        ("Impella device in place.", "Cardiac Assist Device"),
        ("Right basilar pigtail in place.", "Chest Tube"),
        ("CRT-D with three leads in expected position.", "Pacemaker"),
    ],
)
def test_device_vocabulary(text, observation):
    assert _device(text, observation).status == "positive"


@pytest.mark.parametrize(
    ("text", "observation", "position"),
    [
        ("NGT coiled in the esophagus.", "Nasogastric Tube", "malpositioned"),
        ("Feeding tube tip projects over the left lower lobe bronchus.", "Nasogastric Tube", "malpositioned"),
        ("비위관 끝이 기관지 내에 위치함.", "Nasogastric Tube", "malpositioned"),
        (
            "Enteric tube tip in the stomach but the side port is above the GE junction.",
            "Nasogastric Tube",
            "malpositioned",
        ),
        ("ETT is slightly high, 7.5 cm above the carina.", "Endotracheal Tube", "malpositioned"),
        ("기관내관 끝은 carina 상방 6 cm, 다소 높음.", "Endotracheal Tube", "malpositioned"),
        ("Right PICC extends into the right atrium.", "Central Line", "malpositioned"),
        ("Swan-Ganz catheter tip in the main pulmonary artery.", "Pulmonary Artery Catheter", "appropriate"),
        # where it was, no judgement of the position (corpora/attributes/CONVENTIONS.md)
        ("Pacemaker leads are unchanged in position.", "Pacemaker", None),
        ("ETT tip in the mid trachea, 5 cm above the carina.", "Endotracheal Tube", "appropriate"),
        ("The tip of the right IJ catheter is in the right atrium.", "Central Line", "malpositioned"),
        ("Left PICC terminates in the region of the azygos vein.", "Central Line", "malpositioned"),
        ("Left femoral line tip in the IVC.", "Central Line", None),
    ],
)
def test_device_position(text, observation, position):
    assert _device(text, observation).position == position


def test_a_device_the_report_does_not_name_is_never_answered_by_another():
    report = "ET tube in standard position. Right IJ line tip in the SVC. Lungs are clear."
    answer = answer_question(report, "콧줄 제대로 들어갔나요?")
    assert not answer.startswith("네")
    assert "비위관" in answer and "언급이 없" in answer
    assert "기관내관" in answer  # the devices the report does name


def test_open_device_question_says_what_is_wrong_and_the_correction_without_yes_or_no():
    report = "ETT tip 1.5 cm above the carina; recommend withdrawing 2 cm. NG tube in the stomach."
    answer = answer_question(report, "ETT tip 위치는?")
    assert not answer.startswith(("네", "아니요"))
    assert "기관분기부 위 1.5 cm" in answer and "2 cm 빼도록" in answer
    assert "비위관" not in answer
    assert answer_question(report, "ETT 위치 괜찮아요?").startswith("아니요")


def test_coiled_enteric_tube_answered_about_that_tube_with_the_advice():
    report = "ET tube 4 cm above the carina. Dobhoff coiled in the distal esophagus. Recommend repositioning."
    answer = answer_question(report, "NG tube 위치 확인")
    assert not answer.startswith(("네", "아니요"))
    assert "식도" in answer and "꼬여" in answer and "다시 잡도록" in answer
    assert "기관내관" not in answer
    assert answer_question(report, "비위관 제대로 들어갔나요?").startswith("아니요")


def test_side_port_at_the_junction_overrides_a_tip_below_the_diaphragm():
    report = "OG tube tip below the diaphragm with side port at the GE junction; recommend advancing 8 cm."
    answer = answer_question(report, "OG tube 위치 괜찮나요?")
    assert answer.startswith("아니요") and "8 cm 더 넣도록" in answer and "위치 적절" not in answer


def test_korean_report_amount_and_pulmonary_artery_catheter():
    report = "기관내관 끝은 기관분기부 상방 6 cm, 다소 높음. 2 cm 전진 요망. Swan-Ganz catheter tip in the proximal left pulmonary artery."
    answer = answer_question(report, "ETT 위치는?")
    assert "위치 조정 필요" in answer and "2 cm 더 넣도록" in answer and "폐동맥" not in answer
    swan = answer_question(report, "Swan-Ganz 위치는?")
    assert "폐동맥" in swan and "위치 적절" in swan and "기관내관" not in swan


def test_details_stay_with_their_device():
    report = "Tracheostomy tube in place. Left PICC tip in the right atrium, retract 2 cm."
    trach = answer_question(report, "기관절개관 있나요?")
    assert trach.startswith("네") and "좌측" not in trach and "위치 조정" not in trach
    picc = answer_question(report, "PICC 끝이 어디 있어요?")
    assert "우심방" in picc and "2 cm 빼도록" in picc and not picc.startswith(("네", "아니요"))


def test_urgent_notice_for_an_enteric_tube_in_the_airway_or_coiled():
    for report in ("Feeding tube tip in the trachea.", "NGT coiled in the esophagus."):
        notices = urgent_notices(urgent(label_report(report)))
        assert notices and "비위관" in notices[0]


def test_korean_reinsertion_advice_keeps_the_tube_and_a_line_in_the_azygos_is_out_of_place():
    report = "비위관은 식도 내에서 말려 있음, 재삽입 필요. Left PICC terminates in the region of the azygos vein."
    assert _device(report, "Nasogastric Tube").position == "malpositioned"
    assert _device(report, "Central Line").position == "malpositioned"


def test_a_line_singled_out_by_its_kind():
    report = "Right IJ Cordis with tip in the proximal SVC. Left PICC tip in the right atrium; pull back 4 cm."
    picc = answer_question(report, "PICC 끝이 어디 있어요?")
    assert "우심방" in picc and "4 cm 빼도록" in picc and "Cordis" not in picc
    both = answer_question(report, "중심정맥관 위치 괜찮아요?")
    assert both.startswith("아니요") and "좌측 중심정맥관" in both and "우측 중심정맥관" in both


@pytest.mark.parametrize(
    ("question", "in_place", "out_of_place"),
    [
        ("튜브 위치 이상 없나요?", "네", "아니요"),
        ("ETT 위치 문제 없죠?", "네", "아니요"),
        ("ETT 너무 깊나요?", "아니요", "네"),
        ("기관내관 위치 이상 있나요?", "아니요", "네"),
        ("ETT 너무 깊지 않나요?", None, None),  # a guess to confirm: the facts, no 네/아니요
    ],
)
def test_position_questions_answered_as_asked(question, in_place, out_of_place):
    fine = answer_question("ETT tip 4 cm above the carina.", question)
    deep = answer_question("ETT tip 1 cm above the carina, recommend withdrawal by 2 cm.", question)
    for answer, first in ((fine, in_place), (deep, out_of_place)):
        if first is None:
            assert not answer.startswith(("네", "아니요")) and "기관분기부 위" in answer
        else:
            assert answer.startswith(first + ",")


def test_asked_too_deep_on_a_tube_too_high():
    answer = answer_question("ETT tip 9 cm above the carina; recommend advancing 3 cm.", "ETT 너무 깊나요?")
    assert answer.startswith("아니요,") and "얕게" in answer and "3 cm 더 넣도록" in answer


@pytest.mark.parametrize(
    "sentence",
    [
        "Left chest tube with its tip in the major fissure.",
        "The right pigtail catheter appears intrafissural.",
        "Lt. chest tube tip이 major fissure 내에 위치함.",
        "Rt. chest tube tip이 lateral chest wall 쪽으로 치우쳐 있음 — reposition 고려.",
    ],
)
def test_a_chest_tube_out_of_the_pleural_space_is_malpositioned(sentence):
    tubes = [d for d in label_report(sentence).details if d.observation == "Chest Tube"]
    assert tubes and tubes[0].position == "malpositioned", tubes


@pytest.mark.parametrize(
    "sentence, observation",
    [
        ("ETT tip은 carina 위 약 8 cm로 높음.", "Endotracheal Tube"),
        ("기관내관 끝이 기관분기부 위 2 cm로 깊습니다.", "Endotracheal Tube"),
        ("Left PICC terminates in the left axillary vein.", "Central Line"),
        ("Rt. PICC tip이 액와정맥에 위치함.", "Central Line"),
        ("기관내관 끝이 좌측 주기관지 입구에 위치함.", "Endotracheal Tube"),
        ("Left chest tube partially withdrawn with the side hole lying outside the pleural cavity.", "Chest Tube"),
        ("Rt. chest tube의 측공이 흉강 밖에 위치함.", "Chest Tube"),
    ],
)
def test_a_tip_said_too_high_or_deep_or_in_an_arm_vein_is_malpositioned(sentence, observation):
    devices = [d for d in label_report(sentence).details if d.observation == observation]
    assert devices and devices[0].position == "malpositioned", devices


@pytest.mark.parametrize(
    "report, question, opening, included",
    [
        (
            "결론: 좌측 흉관 tip이 폐실질 내로 들어간 것으로 의심됨.",
            "흉관 위치 괜찮아요?",
            "아니요",
            ["부적절", "폐실질"],
        ),
        ("소견: 좌측 쇄골하 중심정맥관 끝이 상대정맥 중간부에 위치.", "중심정맥관 위치 괜찮나요?", "네", ["위치 적절"]),
    ],
)
def test_korean_device_sites_and_a_hedged_malposition_are_read(report, question, opening, included):
    assert_answered(report, question, opening, included)


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        # a standard site says the device is in place even without "in standard position"
        (
            "Dual-lead pacer from the left with leads over the right atrium and right ventricle.",
            "심박동기 위치는 괜찮나요?",
            "네",
            ["우심방과 우심실"],
        ),
        ("AICD generator in the left chest, single lead in the right ventricle.", "제세동기 위치는?", "", ["우심실"]),
        (
            "Endotracheal tube tip projects at the level of the clavicular heads.",
            "ETT 위치 괜찮아요?",
            "네",
            ["쇄골두"],
        ),
        ("Lt. subclavian catheter tip SVC에 위치함.", "중심정맥관 위치 괜찮나요?", "네", ["상대정맥"]),
        ("Weighted feeding tube terminates in the third portion of the duodenum.", "콧줄 위치는?", "", ["십이지장"]),
        (
            "IABP radiopaque marker 2.5 cm below the aortic knob.",
            "IABP 위치 괜찮나요?",
            "네",
            ["aortic knob) 아래 2.5 cm"],
        ),
        (
            "Intra-aortic balloon pump marker projects above the aortic knob; pull back 3 cm.",
            "풍선 펌프 위치 괜찮아요?",
            "아니요",
            ["3 cm 빼도록"],
        ),
        (
            "Impella catheter across the aortic valve with its inlet in the left ventricle.",
            "임펠라 위치는?",
            "",
            ["좌심실"],
        ),
        (
            "Left chest wall port-a-cath with its catheter ending at the cavoatrial junction.",
            "케모포트 위치 괜찮나요?",
            "네",
            [],
        ),
        # the route of a line and a tip past the edge of the image are said
        (
            "Central venous catheter via left subclavian approach, tip in the lower SVC.",
            "C-line 어디로 들어갔어요?",
            "",
            ["좌측 쇄골하정맥"],
        ),
    ],
)
def test_position_from_the_site_a_device_belongs_in(report, question, start, words):
    answer = assert_answered(report, question, start, words)
    assert "평가는 적혀 있지 않" not in answer or not start, answer


def test_a_site_without_a_verdict_is_given_without_a_verdict():
    answer = answer_question("NG tube tip projects over the proximal duodenum.", "콧줄 위치는?")
    assert "십이지장" in answer and "평가는 적혀 있지 않" in answer  # a sump tube past the pylorus: not judged


def test_a_badly_misplaced_other_device_is_named_but_a_slightly_high_one_is_not():
    report = "ET tube in satisfactory position. Enteric tube coiled in the hypopharynx."
    answer = answer_question(report, "ETT 위치 괜찮아요?")
    assert answer.startswith("네") and "비위관" in answer and "꼬여" in answer
    mild = answer_question("ETT slightly high. Right PICC tip in the mid SVC.", "PICC 위치 괜찮아요?")
    assert mild.startswith("네") and "기관내관" not in mild


@pytest.mark.parametrize(
    ("report", "start", "names"),
    [
        (
            "ETT 2 cm above the carina, withdraw 2 cm. Right IJ line tip in the SVC.",
            "아니요",
            ["기관내관", "중심정맥관"],
        ),
        ("Lines and tubes are in unchanged, satisfactory position.", "네", []),
        ("기관내관, 비위관 적절한 위치.", "네", ["기관내관", "비위관"]),
    ],
)
def test_are_all_the_lines_in_place(report, start, names):
    for question in ("선들이 다 제자리에 있나요?", "줄들 위치 다 괜찮아요?"):
        answer = answer_question(report, question)
        assert answer.startswith(start), (question, answer)
        for name in names:
            assert name in answer


@pytest.mark.parametrize(
    ("report", "question", "start", "words", "absent"),
    [
        (
            "Interval extubation. Left PICC remains with tip at the cavoatrial junction.",
            "관 다 뺐어요?",
            "아니요",
            ["중심정맥관", "아직 있다", "기관내관"],
            [],
        ),
        ("튜브 모두 제거됨. 흉골 철사 보임.", "관 다 뺐어요?", "네", [], ["아직"]),
        (
            "The ET tube and the enteric tube have been removed.",
            "튜브 전부 제거됐나요?",
            "네",
            ["기관내관", "비위관"],
            [],
        ),
    ],
)
def test_were_all_the_tubes_taken_out(report, question, start, words, absent):
    assert_answered(report, question, start, words, absent)


@pytest.mark.parametrize(
    ("report", "question", "words"),
    [
        ("Left basilar chest tube removed. No pneumothorax.", "흉관 뺀 뒤 바람 샜나요?", "아니요"),
        ("좌측 흉관 제거 후 소량의 기흉이 새로 보임.", "관 뽑은 후에 기흉 생겼어요?", "네"),
    ],
)
def test_a_removal_named_as_when_is_not_the_question(report, question, words):
    answer = answer_question(report, question)
    assert answer.startswith(words) and "기흉" in answer, answer
    assert "제거되었다고" not in answer.split("\n")[0]


@pytest.mark.parametrize(
    ("report", "question", "words"),
    [
        ("Two left-sided chest tubes are unchanged.", "흉관 몇 개?", ["2개"]),
        ("Chest tubes bilaterally, one on each side.", "흉관 몇 개 있어요?", ["2개"]),
        ("Bilateral pleural drains.", "흉관 몇 개?", ["2개 이상", "정확한 개수는 적혀 있지 않"]),
        ("우측 흉관 2개 유지 중.", "흉관 몇 개예요?", ["2개", "우측"]),
        (
            "Tracheostomy tube, enteric tube and right PICC in place. Sternotomy wires.",
            "관이 몇 개 들어가 있어요?",
            ["3개", "기관절개관", "비위관", "중심정맥관"],
        ),
        ("Right chest tube has been removed.", "흉관 몇 개 남았어요?", ["제거되었다고", "남아 있는 것은 없"]),
    ],
)
def test_how_many_devices(report, question, words):
    answer = answer_question(report, question)
    assert not answer.startswith(("네", "아니요")), answer
    for word in words:
        assert word in answer, answer


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("Implantable loop recorder projects over the left chest.", "Loop Recorder"),
        ("삽입형 심전도 기록기가 좌측 흉벽에 있음.", "Loop Recorder"),
        ("Esophageal stent in expected position.", "Stent"),
        ("Tracheal stent is patent.", "Stent"),
        ("Right chest wall mediport with tip in the SVC.", "Central Line"),
        ("좌측 케모포트 끝은 상대정맥에 위치.", "Central Line"),
    ],
)
def test_new_device_vocabulary(text, observation):
    assert _device(text, observation).status == "positive"


def test_lines_and_tubes_in_place_adds_nothing_after_the_devices_placed_one_by_one():
    report = (
        "FINDINGS: ETT tip 1.5 cm above the carina. OG tube in the stomach.\n"
        "IMPRESSION: ETT low, pull back 2 cm. Remaining support devices in satisfactory position."
    )
    answer = answer_question(report, "관은 제대로 들어갔나요?")
    assert answer.startswith("아니요") and "2 cm 빼도록" in answer and "비위관" in answer
    assert "support devices" not in answer


def test_a_hard_wrapped_line_is_read_on_and_quoted_as_written():
    detail = _device("The endotracheal tube terminates 4 cm above the\n carina.", "Endotracheal Tube")
    assert detail.position == "appropriate"
    picc = _device("Right PICC with its tip in the mid\n SVC, unchanged.", "Central Line")
    assert picc.position == "appropriate" and picc.sentence == "Right PICC with its tip in the mid\n SVC, unchanged."


def test_where_the_device_is_now_after_it_was_moved_holds():
    report = (
        "FINDINGS: The right IJ catheter is directed superiorly into the neck.\n"
        "IMPRESSION: Malpositioned right IJ catheter.\n"
        "ADDENDUM: After repositioning, the right IJ catheter tip is now at the cavoatrial junction."
    )
    answer = answer_question(report, "중심정맥관 지금 위치 괜찮아요?")
    assert answer.startswith("네") and "상대정맥과 우심방의 접합부" in answer and "After repositioning" in answer
    later = "FINDINGS: Right IJ line tip in the SVC.\nIMPRESSION: Right IJ line tip in the right atrium, withdraw 2 cm."
    first = answer_question(later, "IJ 위치 괜찮아요?")
    assert first.startswith("아니요")  # a later malposition without "now" still holds


@pytest.mark.parametrize(
    ("report", "question", "start"),
    [
        ("ETT above the carina. OGT in the stomach. Left PICC tip in the SVC.", "튜브 세 개 꽂혀 있는 거 맞죠?", "네"),
        ("ETT above the carina. OGT in the stomach.", "관이 3개 맞아요?", "아니요"),
        ("Right chest tubes x2, unchanged.", "흉관 몇 개예요? 두 개?", "네"),
        ("Bilateral chest tubes.", "흉관 네 개인가요?", "확실하지"),
    ],
)
def test_a_number_proposed_is_confirmed_or_not(report, question, start):
    assert answer_question(report, question).startswith(start)


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        ("Interval removal of the Dobhoff tube.", "영양관 빼버렸어요?", "네", ["제거되었다고"]),
        ("Sternal cerclage wires intact.", "가슴에 와이어 있어요?", "네", ["흉골 봉합 철사"]),
        ("Surgical clips project over the left axilla.", "클립 어디 있어요?", "", ["좌측"]),
        (
            "Left-sided ICD. The RA lead appears dislodged, now coiled in the SVC.",
            "제세동기 선 괜찮아요?",
            "아니요",
            ["상대정맥"],
        ),
        ("좌측 심박동기 있음. 우심실 리드가 이탈되어 위치 이상.", "심박동기 괜찮나요?", "아니요", ["우심실 리드"]),
    ],
)
def test_wires_clips_and_leads_that_moved(report, question, start, words):
    assert_answered(report, question, start, words)


@pytest.mark.parametrize(
    ("report", "question", "words"),
    [
        (
            "Dobhoff tip 이 식도 중부에서 coiling 됨, 재삽입 요망.",
            "콧줄 제대로 들어갔어요?",
            ["식도", "꼬여", "다시 넣도록"],
        ),
        ("Enteric tube is kinking in the upper esophagus.", "NG tube 위치 괜찮나요?", ["식도", "꼬여"]),
        ("Rt. chest tube 3개 유지 중.", "흉관 세 개 맞죠?", ["3개"]),
    ],
)
def test_korean_and_mixed_coiled_tubes_and_counts(report, question, words):
    answer = answer_question(report, question)
    assert answer.startswith("아니요" if "콧줄" in question or "NG" in question else "네"), answer
    assert all(word in answer for word in words), answer


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        ("Left PICC tip at the junction of the SVC and the right atrium.", "PICC 위치 괜찮아요?", "네", ["접합부"]),
        ("Left femoral venous catheter with tip in the IVC.", "중심정맥관 위치 괜찮아요?", "네", ["하대정맥"]),
        ("OG tube tip overlies the left upper quadrant.", "콧줄 위치 괜찮아요?", "네", ["좌상복부"]),
        ("Enteric tube side hole is above the GE junction.", "콧줄 괜찮아요?", "아니요", ["측공"]),
        (
            "NG tube tip in the distal esophagus; advance by at least 8 cm.",
            "콧줄 얼마나 더 넣어요?",
            "",
            ["8 cm 더 넣도록"],
        ),
        (
            "Dual-chamber pacer with right atrial and right ventricular leads.",
            "심박동기 괜찮아요?",
            "네",
            ["우심방과 우심실"],
        ),
        ("CRT-D leads in the RA, RV and coronary sinus.", "심박동기 위치는 괜찮나요?", "네", ["관상정맥동"]),
        (
            "VA ECMO: cannula via the right IJ with its tip in the right atrium.",
            "에크모 위치 괜찮아요?",
            "네",
            ["우심방"],
        ),
        ("IABP tip projects at the level of the carina.", "IABP 위치 괜찮아요?", "네", []),
        (
            "ETT in right mainstem bronchus. Recommend pulling back 3 cm.",
            "기관내관 위치 괜찮아요?",
            "아니요",
            ["3 cm 빼도록"],
        ),
        ("Left chest tube tip in the left apex.", "흉관 어디 있어요?", "", ["폐첨부"]),
    ],
)
def test_more_tip_positions(report, question, start, words):
    answer = assert_answered(report, question, start, words)
    assert "중심정맥관" not in answer or "중심정맥관" in question or "PICC" in question


def test_all_well_after_a_removal_asks_about_the_report_not_the_tube():
    assert answer_question("Right chest tube removed. No pneumothorax.", "흉관 뺐는데 괜찮아요?").startswith("네")
    answer = answer_question("Right chest tube removed. Small right pneumothorax.", "흉관 빼고 나서 괜찮나요?")
    assert answer.startswith("아니요") and "기흉" in answer


@pytest.mark.parametrize(
    "text",
    [
        "Endotracheal tube, orogastric tube, and left IJ catheter have been removed.",
        "ETT, NGT and Rt. subclavian line removed.",
    ],
)
def test_a_list_of_devices_taken_out_together(text):
    details = label_report(text).details
    assert len(details) == 3 and all(d.status == "negative" and d.change == "resolved" for d in details)
    kept = label_report("Small left effusion, and the chest tube has been removed.").details
    assert [d.status for d in kept] == ["positive", "negative"]


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        ("Lt. IJ C-line, tip은 RA 입구 부근.", "C-line 위치 괜찮아요?", "네", ["접합부"]),
        (
            "L-tube 끝은 위 내, side hole은 GE junction 근처 → 4 cm 더 삽입 권고.",
            "L-tube 괜찮아요?",
            "아니요",
            ["4 cm 더 넣도록"],
        ),
        ("심박동기 리드는 우심방 및 우심실에 위치함.", "심박동기 괜찮아요?", "네", ["우심방과 우심실"]),
    ],
)
def test_korean_and_mixed_positions(report, question, start, words):
    assert_answered(report, question, start, words)


def test_removal_of_a_tube_with_a_finding_leaves_the_finding_and_takes_out_the_whole_list():
    details = {
        d.observation: d
        for d in label_report("Interval removal of the left chest tube with a small left apical pneumothorax.").details
    }
    assert details["Chest Tube"].change == "resolved" and details["Pneumothorax"].status == "positive"
    both = label_report("Interval removal of the right IJ line and the enteric tube.").details
    assert [d.change for d in both] == ["resolved", "resolved"]
    advised = label_report("Recommend removal of the left IJ line and the NG tube.").details
    assert [d.status for d in advised] == ["positive", "positive"]
    answer = answer_question(
        "Interval removal of the left chest tube with a small left apical pneumothorax.", "흉관 뺀 다음 기흉 생겼어요?"
    )
    assert answer.startswith("네")


def test_how_far_to_move_a_tube_says_when_the_report_gives_no_amount_or_no_move():
    fine = answer_question("Endotracheal tube 4 cm above the carina.", "ETT 얼마나 빼야 해요?")
    assert "조정을 권고하지 않습니다" in fine and not fine.startswith(("네", "아니요"))
    vague = answer_question("ET tube at the carina; recommend pulling back.", "튜브 몇 cm 빼야 돼요?")
    assert "빼도록" in vague and "몇 cm" in vague and "적혀 있지 않습니다" in vague


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        ("ETT 정위치. L-tube 예상 위치.", "관들 다 괜찮아요?", "네", ["기관내관", "비위관"]),
        ("- Rt. IJ CVC: OK.", "C-line 괜찮아요?", "네", []),
        ("ET tube tip at the T3 level.", "ETT 괜찮아요?", "네", ["흉추 T3"]),
        ("기관내관 끝은 흉추 7번 높이.", "ETT 위치는?", "", ["흉추 T7", "평가는 적혀 있지 않"]),
        ("Lines and tubes are unchanged.", "선들이 다 제자리에 있나요?", "", ["이전과 변화 없음"]),
    ],
)
def test_shorthand_levels_and_unchanged_devices(report, question, start, words):
    assert_answered(report, question, start, words)


@pytest.mark.parametrize(
    ("text", "observation", "position"),
    [
        ("The feeding tube is looped within the stomach.", "Nasogastric Tube", "appropriate"),
        ("Left pigtail catheter, its tip coiled at the left lung base.", "Chest Tube", "appropriate"),
        ("NG tube coiled in the hypopharynx.", "Nasogastric Tube", "malpositioned"),
        (
            "OG tube coiled in the stomach with its tip turned up into the distal esophagus.",
            "Nasogastric Tube",
            "malpositioned",
        ),
    ],
)
def test_a_coil_where_the_tube_belongs_is_its_shape(text, observation, position):
    assert _device(text, observation).position == position


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("케모포트가 뭐예요?", ["피부 밑", "중심정맥관"]),
        ("AICD가 뭐예요?", ["전기 충격"]),
        ("pigtail이 뭐예요?", ["원래 모양"]),
        ("IABP가 뭐예요?", ["풍선"]),
    ],
)
def test_device_kinds_have_their_own_glossary_entries(question, words):
    answer = answer_question("Left chest port. Right pigtail catheter. Left AICD. IABP in place.", question)
    assert all(word in answer for word in words), answer


@pytest.mark.parametrize(
    ("report", "question", "start", "words", "absent"),
    [
        ("기관내관 발관 상태.", "관 다 뺐어요?", "네", ["제거되었다고"], ["아직"]),
        ("Interval removal of ET and NG tubes.", "관 다 뺐어요?", "네", ["기관내관", "비위관"], ["아직"]),
        ("Endotracheal and enteric tubes removed. Right PICC remains.", "관 다 뺐어요?", "아니요", ["중심정맥관"], []),
    ],
)
def test_tubes_taken_out_named_together(report, question, start, words, absent):
    assert_answered(report, question, start, words, absent)


def test_a_plural_shared_by_two_tube_names_counts_one_each():
    answer = answer_question("ET and NG tubes in standard position.", "관이 몇 개 들어가 있어요?")
    assert "모두 2개입니다" in answer, answer


@pytest.mark.parametrize(
    ("report", "start"),
    [
        ("Left PICC tip projects over the upper right atrium, in acceptable position.", "네"),
        ("PICC 끝은 우심방 상부, 위치 적절.", "네"),
        ("Left PICC tip in the right atrium; otherwise lines and tubes in standard position.", "아니요"),
        ("Left PICC tip in the right atrium, other support devices in satisfactory position.", "아니요"),
    ],
)
def test_the_reports_own_verdict_holds_over_what_the_site_alone_suggests(report, start):
    assert answer_question(report, "PICC 위치 괜찮아요?").startswith(start)


def test_presence_and_position_answers_agree_on_a_device():
    report = "Dual-chamber pacemaker with leads in the right atrium and right ventricle. Right PICC tip in the upper right atrium, acceptable position."
    present = answer_question(report, "심박동기 있나요?")
    assert present.startswith("네") and "위치 적절" in present
    picc = answer_question(report, "PICC 있어요?")
    assert "위치 적절" in picc and "부적절" not in picc


def test_normality_reads_device_positions_as_the_position_answer_does():
    assert answer_question("L-tube 끝 식도. 폐야 깨끗함.", "정상인가요?").startswith("아니요")
    assert answer_question("The enteric tube is coiled in the stomach. Lungs are clear.", "정상인가요?").startswith(
        "네"
    )


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("ETT 당겨야 돼요?", "네"),
        ("기관 튜브 빼야 하나요?", "네"),
        ("ETT 더 넣어야 돼요?", "아니요"),  # it is too deep: to be pulled back, not pushed in
        ("콧줄 다시 넣어야 돼요?", "아니요"),
        ("엔지튜브 괜찮아요?", "네"),
        ("호흡관 위치 괜찮아요?", "아니요"),
    ],
)
def test_whether_a_tube_must_be_moved(question, start):
    report = "ETT tip 1.5 cm above the carina, recommend withdrawal by 2 cm. NGT tip in stomach."
    assert answer_question(report, question).startswith(start)


def test_an_unnamed_tube_is_told_by_where_its_tip_is():
    answer = answer_question("XXXX tube tip in the stomach. Lungs are clear.", "콧줄 제대로 들어갔나요?")
    assert answer.startswith("네") and "위 안" in answer and "종류를 적지 않았지만" in answer
    other = answer_question("XXXX tube tip in the stomach.", "ETT 위치 괜찮아요?")
    assert not other.startswith("네") and "언급이 없" in other


@pytest.mark.parametrize(
    ("report", "question", "words"),
    [
        ("Tip of the left PICC is not well visualized.", "PICC 끝 어디예요?", ["보이지 않음", "평가는 적혀 있지 않"]),
        ("The right subclavian line tip is obscured by overlying wires.", "C-line 위치는?", ["보이지 않음"]),
    ],
)
def test_a_device_whose_tip_is_not_seen_is_there(report, question, words):
    answer = answer_question(report, question)
    assert "언급이 없" not in answer and all(w in answer for w in words), answer


def test_a_correction_for_optimal_placement_is_not_a_device_to_be_placed():
    report = "ET tube ends 1 cm above the carina and could be withdrawn 2 cm for optimal placement."
    answer = answer_question(report, "ETT 괜찮아요?")
    assert answer.startswith("아니요") and "2 cm 빼도록" in answer


@pytest.mark.parametrize(
    ("question", "start", "words"),
    [
        ("오른쪽 흉관 뺐어요?", "네", ["우측 흉관"]),
        ("왼쪽 흉관 뺐어요?", "아니요", ["좌측 흉관", "아직"]),
        ("흉관 아직 있어요?", "네", ["Left chest tube remains"]),
    ],
)
def test_one_side_of_two_chest_tubes(question, start, words):
    report = "Interval removal of the right chest tube. Left chest tube remains in place. No pneumothorax."
    assert_answered(report, question, start, words)


def test_presence_and_summary_say_what_is_wrong_with_a_device_and_no_side_for_a_midline_tube():
    report = "The feeding tube passes into the left main bronchus. Endotracheal tube in standard position."
    for question in ("콧줄 있나요?", "요약해 주세요"):
        answer = answer_question(report, question)
        assert "기도(좌측 주기관지)로 잘못 들어감" in answer and "(좌측 · 위치" not in answer, answer


# --- device identity: two kinds of central line are two lines; a catheter's way in is no device -------

_TWO_LINES = (
    "FINDINGS: Left IJ central venous catheter ends at the cavoatrial junction. Left arm PICC ends in the\n"
    " upper SVC. Nasogastric tube below the diaphragm.\n"
    "IMPRESSION: Left IJ line, left PICC and NG tube in satisfactory position."
)
_SWAN_VIA_IJ = (
    "FINDINGS: PA catheter through a left subclavian introducer, tip in the proximal left pulmonary artery.\n"
    "ET tube 5 cm above the carina.\nIMPRESSION: Lines and tubes as described, no pneumothorax."
)
_SWAN_MIXED = "Findings:\n 스완간즈 카테터 via Lt. IJ, tip: Lt. pulmonary artery 근위부.\n ETT 적절한 위치.\n"


@pytest.mark.parametrize(
    ("report", "question", "words", "absent"),
    [
        (_TWO_LINES, "관이 몇 개 있어요?", ["3개", "내경정맥(IJ)", "PICC"], ["2개입니다"]),
        (_TWO_LINES, "PICC 끝은 어디 있어요?", ["상대정맥 위쪽", "PICC"], ["접합부"]),
        (_TWO_LINES, "내경정맥 카테터 끝 위치는요?", ["접합부"], ["상대정맥 위쪽"]),
        (_SWAN_VIA_IJ, "관 몇 개예요?", ["2개"], ["3개"]),
        (_SWAN_VIA_IJ, "스완간즈 끝은 어디예요?", ["좌폐동맥 근위부"], []),
        (_SWAN_MIXED, "기구 몇 개?", ["2개"], ["3개"]),
        (_SWAN_MIXED, "스완간츠 카테터 어디까지 들어갔어요?", ["좌폐동맥 근위부"], []),
    ],
)
def test_line_identity_and_the_catheter_way_in(report, question, words, absent):
    answer = answer_question(report, question)
    for word in words:
        assert word in answer, answer
    for word in absent:
        assert word not in answer, answer


@pytest.mark.parametrize(
    "report",
    [
        "FINDINGS: Right IJ dialysis catheter tip in the right atrium.\nIMPRESSION: Right IJ catheter as above.",
        "FINDINGS: Left chest port, catheter tip at the cavoatrial junction. Portable technique.\n"
        "IMPRESSION: Left-sided central line in standard position.",
        "소견: 우측 내경정맥 중심정맥관 끝은 상대정맥에 위치. 결론: Rt. IJ CVC 적절한 위치.",
    ],
)
def test_one_line_named_twice_is_one_line(report):
    assert "1개" in answer_question(report, "관 몇 개 있어요?")


def test_a_picc_and_an_ij_line_on_one_side_stay_two_details():
    found = [d for d in label_report(_TWO_LINES).details if d.observation == "Central Line"]
    assert len(found) == 2 and {d.side for d in found} == {"left"}


@pytest.mark.parametrize(
    ("report", "question", "opening", "words", "absent"),
    [
        (
            "FINDINGS: Prior CABG. The sternotomy wires appear intact. Lungs clear.",
            "가슴뼈 철사는 괜찮나요?",
            "네",
            ["온전"],
            ["위치에 대한 평가는 적혀 있지 않습니다"],
        ),
        (
            "FINDINGS: Median sternotomy; the second sternal wire is broken. No effusion.",
            "흉골 철사 괜찮아요?",
            "아니요",
            ["끊어"],
            [],
        ),
        (
            "소견: 관상동맥 우회술 후 상태. 흉골 와이어 일부 끊어짐. 폐야는 깨끗함.",
            "흉골 와이어 이상 없어요?",
            "아니요",
            ["끊어"],
            [],
        ),
    ],
)
def test_sternal_wires_are_intact_or_broken(report, question, opening, words, absent):
    assert_answered(report, question, opening, words, absent)


def test_a_broken_sternal_wire_is_no_bone_fracture_and_no_emergency():
    findings = label_report("Status post sternotomy. Two of the sternal wires are fractured.")
    assert "Fracture" not in findings.labels
    assert not urgent(findings)


def test_the_wires_state_said_after_the_operation_is_read():
    report = (
        "FINDINGS: Status post median sternotomy and valve replacement.\n Sternal wires remain intact. Lungs clear."
    )
    answer = answer_question(report, "흉골 철사는 괜찮나요?")
    assert answer.startswith("네") and "온전" in answer and "intact" in answer, answer


@pytest.mark.parametrize(
    ("report", "correction"),
    [
        ("ETT tip: carina 상방 약 2.5 cm, 약간 깊음 → 1 cm 당길 것 권유.", "1 cm 빼도록"),
        ("기관내관 끝이 기관분기부 위 2 cm로 깊음, 2 cm 당기는 것을 권함.", "2 cm 빼도록"),
        ("E-tube tip 기관분기부 상방 7 cm, 다소 높음 -> advance 2 cm.", "2 cm 더 넣도록"),
    ],
)
def test_korean_and_mixed_depth_words_and_arrow_advice_make_a_malposition(report, correction):
    answer = answer_question(report, "ETT 위치 괜찮아요?")
    assert answer.startswith("아니요") and "위치 조정 필요" in answer and correction in answer
    assert _device(report, "Endotracheal Tube").position == "malpositioned"


def test_too_deep_question_on_a_slightly_deep_tube_is_yes():
    answer = answer_question("ETT 끝은 carina 위 1.5 cm, 약간 깊게 위치함. 1 cm 빼기를 권유함.", "ETT 너무 깊어요?")
    assert answer.startswith("네") and "1 cm 빼도록" in answer


def test_a_percutaneous_drainage_catheter_is_read_as_a_chest_tube():
    report = "Lt. PCD 유지 중, 좌측 흉수 소량으로 감소."
    assert answer_question(report, "PCD 있어요?").startswith("네")
    assert answer_question(report, "PCD 뺐어요?").startswith("아니요")
    assert answer_question("The right percutaneous drainage catheter has been removed.", "PCD 뺐나요?").startswith("네")


@pytest.mark.parametrize(
    "report",
    [
        "Rt. chest tube 유지, 우측 횡격막 다소 높음.",
        "L-tube 끝은 위 내, 흡기가 다소 얕음.",
        "흉관 삽입 상태. 좌측 횡격막이 약간 높음.",
    ],
)
def test_a_diaphragm_or_an_inspiration_said_high_or_shallow_does_not_move_a_tube(report):
    assert all(d.position != "malpositioned" for d in label_report(report).details)


def test_an_unnamed_advice_sentence_belongs_to_the_one_misplaced_device_without_its_own_correction():
    report = (
        "ET tube tip lies in the right mainstem bronchus. Advise withdrawal by about 4 cm. "
        "Feeding tube tip in the mid esophagus, recommend advancement. Left PICC ends in the SVC."
    )
    amount = answer_question(report, "기관튜브 몇 cm 당겨야 돼요?")
    assert not amount.startswith(("네", "아니요")) and "4 cm 빼도록" in amount
    tube = answer_question(report, "관 얼마나 빼야 해요?")
    assert "4 cm 빼도록" in tube
    assert "비위관을 얼마나(몇 cm) 조정해야 하는지는 적혀 있지 않습니다" in tube  # the other one named, no cm given


def test_a_device_asked_as_a_bare_topic_gets_its_position_without_yes_or_no():
    report = "Enteric tube loops in the upper esophagus, recommend readvancing. Right IJ line tip at the cavoatrial junction."
    answer = answer_question(report, "NG tube는요?")
    assert not answer.startswith(("네", "아니요"))
    assert "식도" in answer and "더 넣도록" in answer


def test_a_chemoport_is_a_port_central_line_asked_as_the_port():
    report = "Lt. chemoport 삽입 상태, tip은 SVC 하부에 위치.\n양폐 특이 소견 없음."
    answer = answer_question(report, "포트 위치 괜찮아요?")
    assert answer.startswith("네") and "포트" in answer and "상대정맥" in answer


def test_the_amount_of_a_correction_asked_is_no_size_question():
    report = "Endotracheal tube terminates 1 cm above the carina; recommend retraction by 3 cm. Enteric tube in the stomach."
    for question in ("ETT 몇 센티 빼요?", "기관튜브 몇 cm 당겨요?", "몇 cm 더 넣어요?"):
        answer = answer_question(report, question)
        assert not answer.startswith(("네", "아니요")) and "3 cm 빼도록" in answer, question
        assert "크기" not in answer


def test_a_korean_mixed_correction_with_its_amount_places_the_tube_out_of_place():
    report = "E-tube tip이 carina 바로 위 0.5cm, 약 2cm pull back 요망.\nNG tube tip은 위 내 위치."
    answer = answer_question(report, "ETT 몇 cm 빼야 돼요?")
    assert not answer.startswith(("네", "아니요")) and "2 cm 빼도록" in answer
    assert answer_question(report, "ETT 위치 괜찮아요?").startswith("아니요")


def test_a_line_kind_the_report_does_not_write_is_said_not_passed_off():
    report = "Left internal jugular catheter terminates at the cavoatrial junction. No pneumothorax."
    answer = answer_question(report, "PICC 위치 괜찮아요?")
    assert "내경정맥" in answer and "PICC에 대한 언급이 없어" in answer
    assert "언급이 없어" not in answer_question(report, "IJ 위치 괜찮아요?")


def test_an_amount_asked_with_no_tube_named_is_about_tubes_and_lines_not_hardware():
    hardware = "Median sternotomy wires. Mechanical mitral valve. Clear lungs."
    assert "조정할 관이나 줄" in answer_question(hardware, "몇 cm 빼야 돼요?")
    tube = "Sternotomy wires. ET tube tip 1 cm above the carina; recommend withdrawing 2 cm."
    answer = answer_question(tube, "얼마나 빼야 돼요?")
    assert "2 cm 빼도록" in answer and "철사" not in answer


def test_an_amount_asked_of_a_tube_placed_without_a_verdict_says_no_correction_is_written():
    report = "좌측 흉관 끝은 폐첨부에 위치.\n좌측 기흉 소량, 감소."
    answer = answer_question(report, "흉관 몇 cm 빼요?")
    assert not answer.startswith(("네", "아니요")) and "조정하라는 권고는 적혀 있지 않습니다" in answer


@pytest.mark.parametrize(
    ("report", "start"),
    [
        ("Enteric tube extends below the diaphragm, its tip not visualized.", "확실하지 않습니다"),
        ("OG tube passes below the diaphragm; tip not included on the film.", "확실하지 않습니다"),
        ("비위관은 횡격막 아래로 주행하나 끝은 촬영 범위 밖임.", "확실하지 않습니다"),
        ("NG tube in satisfactory position below the diaphragm, tip beyond the edge of the image.", "네"),
    ],
)
def test_a_tube_whose_tip_is_not_seen_is_judged_only_by_the_report(report, start):
    answer = answer_question(report, "콧줄 잘 들어갔나요?")
    assert answer.startswith(start) and "보이지 않음" in answer, answer
    assert ("위치 적절" in answer) == (start == "네"), answer  # a verdict only when the report gives one


# "still in?": the removal asked the other way round
STILL_REPORT = (
    "FINDINGS: The right IJ sheath seen yesterday has been removed. A left PICC ends in the low SVC. The "
    "nasogastric tube was pulled out. Left chest tube unchanged.\nIMPRESSION: Lines and tubes as above."
)


@pytest.mark.parametrize(
    ("question", "first", "words", "absent"),
    [
        ("목에 있던 관 아직 있어요?", "아니요", ["제거되었다고", "sheath"], ["PICC"]),
        ("sheath 아직 꽂혀 있나요?", "아니요", ["제거되었다고"], ["PICC"]),
        ("Is the PICC still in?", "네", ["아직 있다고", "PICC"], ["sheath"]),
        ("콧줄 아직 있어요?", "아니요", ["제거되었다고"], []),
        ("흉관은 아직 그대로 있어요?", "네", ["아직 있다고"], []),
        ("중심정맥관 아직 있어요?", "네", ["아직 있다고", "다만", "제거되었다고"], []),
    ],
)
def test_still_in_is_answered_from_the_removals(question, first, words, absent):
    assert read_question(question).kind == "removal"
    answer = answer_question(STILL_REPORT, question)
    assert answer.startswith(first + ",") and all(w in answer for w in words), answer
    assert not any(w in answer for w in absent), answer


def test_still_in_for_a_device_the_report_does_not_name():
    answer = answer_question(STILL_REPORT, "기관내관 아직 있어요?")
    assert answer.startswith("판독문에 기관내관(endotracheal tube)에 대한 언급이 없어")


SUMMARY_REPORT = (
    "FINDINGS: Tracheostomy tube in standard position. A left PICC terminates in the right atrium; recommend "
    "withdrawal by 2 cm. The right chest tube has been removed. No pneumothorax."
)


@pytest.mark.parametrize("question", ["관들 상태 정리해 줘", "튜브 상태 좀 알려줘", "Lines and tubes summary?"])
def test_a_device_summary_lists_each_device_and_the_ones_taken_out_without_yes_or_no(question):
    answer = answer_question(SUMMARY_REPORT, question)
    assert not answer.startswith(("네", "아니요")), answer
    assert "기관절개관" in answer and "2 cm 빼도록" in answer and "우측 흉관(chest tube): 제거됨" in answer


VALVES = (
    "FINDINGS: Status post TAVR with the transcatheter aortic valve in expected position. Mild cardiomegaly.",
    "판독소견:\n승모판 치환술 후 상태 (기계판막), 흉골 봉합 철사 보임.\n심비대 있음.",
)


@pytest.mark.parametrize(
    ("report", "question", "starts", "words"),
    [
        (VALVES[0], "인공판막 있어요? 무슨 판막이에요?", "네, 판독문에 인공판막이", ["대동맥판", "카테터로 넣은"]),
        (VALVES[1], "무슨 판막 넣은 거예요?", "판독문에 인공판막이", ["기계판막", "승모판"]),
        (VALVES[1], "대동맥 판막 수술한 거예요?", "아니요, 판독문에 적힌 인공판막은 대동맥판이 아니라", ["승모판"]),
    ],
)
def test_a_replaced_valve_is_named_by_its_place_and_kind(report, question, starts, words):
    answer = answer_question(report, question)
    assert answer.startswith(starts) and all(w in answer for w in words), answer


@pytest.mark.parametrize(
    ("report", "question", "first"),
    [
        ("FINDINGS: Interval removal of the pericardial drain. Sternal wires intact.", "배액관 아직 있어요?", "아니요"),
        ("FINDINGS: The mediastinal drains were removed.", "Are the drains still in?", "아니요"),
        ("판독소견:\n종격동 배액관 유지 중. 기흉 없음.", "배액관 아직 꽂혀 있어요?", "네"),
        ("FINDINGS: Interval removal of the pericardial drain.", "배액관 뺐어요?", "네"),
    ],
)
def test_drains_beside_chest_tubes_answer_removal_questions(report, question, first):
    assert answer_question(report, question).startswith(first + ", "), answer_question(report, question)


def test_a_finding_still_there_beside_a_device_is_not_a_removal_question():
    assert read_question("흉관 넣은 쪽에 기흉 아직 있어요?").kind != "removal"
    assert read_question("흉관이랑 폐 상태 정리해줘").scope != "summary"


def test_still_in_on_a_device_the_report_no_longer_sees():
    report = "판독소견:\n이전 검사에서 보이던 Lt. PCD는 현재 보이지 않음.\n기흉 없음."
    assert answer_question(report, "PCD 아직 있어요?").startswith("아니요, 판독문에")


@pytest.mark.parametrize("question", ["요약해줘", "아직 있어요?", "한줄요약"])
def test_a_question_naming_no_device_is_no_device_question(question):
    assert read_question(question).kind not in ("removal", "position")
