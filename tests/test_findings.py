import pytest

from korad.finding_scores import finding_f1
from korad.findings import contradictions, label, label_report
from korad.lexicon import OBSERVATIONS
from korad.samples import load_sample_reports

P, N, U = "positive", "negative", "uncertain"


@pytest.mark.parametrize(
    "text",
    [
        "No pneumothorax.",
        "The lungs are without pneumothorax.",
        "The pleural spaces are free of pneumothorax.",
        "Negative for pneumothorax.",
        "The previously seen pneumothorax has resolved.",
        "Resolved right pneumothorax.",
        "Lungs are clear of pneumothorax.",
        "Pneumothorax is not seen.",
    ],
)
def test_english_negation(text):
    assert label(text)["Pneumothorax"] == N


@pytest.mark.parametrize(
    "text",
    [
        "기흉은 없음.",
        "기흉은 없습니다.",
        "기흉은 보이지 않음.",
        "기흉은 관찰되지 않습니다.",
        "기흉 음성.",
        "기흉 소견 없음.",
        "기흉은 확인되지 않음.",
    ],
)
def test_korean_negation_after_the_finding(text):
    assert label(text)["Pneumothorax"] == N


def test_korean_normal_negates_attribute_and_finding():
    assert label("심장 크기는 정상임.")["Cardiomegaly"] == N
    assert label("종격동 음영은 정상.")["Enlarged Cardiomediastinum"] == N


@pytest.mark.parametrize(
    "text",
    [
        "Pneumonia may be present.",
        "May represent pneumonia.",
        "Possible pneumonia.",
        "Pneumonia cannot be excluded.",
        "Cannot exclude pneumonia.",
        "Atelectasis versus pneumonia.",
        "Pneumonia versus atelectasis.",
        "Findings are suspicious for pneumonia.",
        "폐렴 의심.",
        "폐렴의 가능성이 있음.",
        "폐렴을 배제할 수 없음.",
        "폐렴을 시사하는 소견.",
        "폐렴 생각됨.",
    ],
)
def test_uncertainty_both_ways(text):
    assert label(text)["Pneumonia"] == U


@pytest.mark.parametrize("text", ["폐렴으로 생각됨.", "좌하엽 경화, 폐렴으로 생각됩니다.", "Findings consistent with pneumonia."])
def test_a_stated_reading_is_positive(text):
    # "~로 생각됨" states the reading, as "consistent with" does (corpora/*/CONVENTIONS.md).
    assert label(text)["Pneumonia"] == P


def test_versus_makes_both_neighbours_uncertain_but_not_the_rest():
    labels = label("Right basilar opacity, atelectasis versus pneumonia.")
    assert labels == {"Lung Opacity": P, "Pneumonia": U, "Atelectasis": U}


def test_negation_scope_ends_at_the_clause():
    assert label("No pneumothorax, but a small left pleural effusion.") == {
        "Pneumothorax": N,
        "Pleural Effusion": P,
    }
    assert label("기흉은 없으나 소량의 흉수가 있음.") == {"Pneumothorax": N, "Pleural Effusion": P}
    assert label("기흉은 없고 우측 흉수가 있음.") == {"Pneumothorax": N, "Pleural Effusion": P}
    assert label("No effusion; there is mild pulmonary edema.") == {"Pleural Effusion": N, "Edema": P}


def test_negation_covers_a_list():
    labels = label("No pneumothorax, pleural effusion, or focal consolidation to suggest pneumonia.")
    assert {labels[o] for o in ("Pneumothorax", "Pleural Effusion", "Consolidation", "Pneumonia")} == {N}
    assert label("기흉이나 흉수는 보이지 않음.") == {"Pneumothorax": N, "Pleural Effusion": N, "No Finding": P}


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("심비대 있음.", "Cardiomegaly"),
        ("심장비대 소견.", "Cardiomegaly"),
        ("cardiomegaly 있음.", "Cardiomegaly"),
        ("흉막삼출 있음.", "Pleural Effusion"),
        ("흉수가 있음.", "Pleural Effusion"),
        ("effusion 동반.", "Pleural Effusion"),
        ("기흉이 있음.", "Pneumothorax"),
        ("무기폐 있음.", "Atelectasis"),
        ("경화 소견이 있음.", "Consolidation"),
        ("폐렴 소견.", "Pneumonia"),
        ("폐부종이 보임.", "Edema"),
        ("늑골 골절이 있음.", "Fracture"),
        ("결절이 보임.", "Lung Lesion"),
        ("종괴가 있음.", "Lung Lesion"),
        ("음영 증가가 있음.", "Lung Opacity"),
        ("종격동 확장.", "Enlarged Cardiomediastinum"),
        ("기관내관 끝은 적절한 위치.", "Support Devices"),
        ("중심정맥관이 있음.", "Support Devices"),
        ("심박동기가 있음.", "Support Devices"),
        ("흉막비후가 있음.", "Pleural Other"),
    ],
)
def test_korean_terms_and_english_terms_in_korean_sentences(text, observation):
    assert label(text)[observation] == P


def test_words_that_contain_a_term_are_not_mentions():
    assert "Consolidation" not in label("동맥경화가 있음.")
    assert "Pleural Effusion" not in label("Small pericardial effusion.")
    assert "Lung Opacity" not in label("심장 음영은 정상.")


def test_mixed_report():
    labels = label("RLL에 consolidation이 있으며 pneumonia 가능성 있음. Pleural effusion은 없음. Heart size 정상.")
    assert labels == {"Cardiomegaly": N, "Consolidation": P, "Pneumonia": U, "Pleural Effusion": N}


def test_aggregation_positive_over_uncertain_over_negative():
    assert label("Possible pneumonia. IMPRESSION: Right lower lobe pneumonia.")["Pneumonia"] == P
    assert label("No pneumonia. Pneumonia cannot be excluded.")["Pneumonia"] == U
    assert label("No effusion. No pleural effusion.")["Pleural Effusion"] == N


def test_no_finding_only_when_nothing_but_support_devices_is_positive_or_uncertain():
    assert label("Lungs are clear. No acute cardiopulmonary process.") == {"No Finding": P}
    assert label("Endotracheal tube in place. No pneumothorax.") == {
        "No Finding": P,
        "Pneumothorax": N,
        "Support Devices": P,
    }
    assert "No Finding" not in label("Possible small effusion.")
    assert "No Finding" not in label("Mild cardiomegaly.")


def test_indication_is_not_a_finding():
    assert label("INDICATION: evaluate for pneumonia.\nFINDINGS: Lungs are clear.") == {"No Finding": P}


def test_labels_come_in_chexpert_order_and_use_chexpert_names():
    labels = label("Pleural effusion and cardiomegaly. Rib fracture.")
    assert set(labels) <= set(OBSERVATIONS)
    assert list(labels) == [o for o in OBSERVATIONS if o in labels]


def test_evidence_is_the_sentence_behind_the_label():
    result = label_report("FINDINGS: No pneumothorax. Small left pleural effusion.\nIMPRESSION: 소량의 좌측 흉수.")
    assert result.evidence["Pneumothorax"] == "No pneumothorax."
    assert result.evidence["Pleural Effusion"] == "Small left pleural effusion."
    assert "No Finding" not in result.evidence


def test_contradictions_are_opposite_polarities_only():
    report = label("No pneumothorax. Possible pneumonia. Small effusion.")
    assert contradictions(label("기흉이 있습니다."), report) == {"Pneumothorax": (P, N)}
    assert contradictions(label("폐렴은 없습니다."), report) == {}
    assert contradictions(label("흉수는 없습니다."), report) == {"Pleural Effusion": (N, P)}


@pytest.mark.parametrize("language", ["en", "ko", "mixed"])
def test_sample_corpus_macro_f1_per_language(language):
    reports = load_sample_reports(language)
    assert len(reports) >= 20
    scores = finding_f1([r["labels"] for r in reports], [label(r["text"]) for r in reports])
    assert scores.macro_f1 >= 0.90, scores.per_observation


def test_finding_f1_counts_wrong_polarity_as_both_errors():
    scores = finding_f1([{"Edema": P, "Fracture": N}], [{"Edema": N, "Fracture": N, "Pneumonia": U}])
    assert scores.per_observation == {"Edema": 0.0, "Pneumonia": 0.0, "Fracture": 1.0}
    assert scores.macro_f1 == pytest.approx(1 / 3)


def test_a_finding_before_oe_teugi_soggyeon_eobseum_is_present():
    # "X 외 특이 소견 없음": nothing remarkable other than X, so X is there (not negated by "없음")
    labels = label("좌측 늑골의 오래된 골절 외 특이 소견 없음.")
    assert labels["Fracture"] == "positive" and labels.get("No Finding") != "positive"
    assert label("심비대 외에 특이 소견 없음.")["Cardiomegaly"] == "positive"
    assert label("특이 소견 없음. 기흉 없음.")["Pneumothorax"] == "negative"


def test_a_reaccumulated_effusion_is_worse():
    (detail,) = [
        d
        for d in label_report("Moderate right pleural effusion has reaccumulated since ___.").details
        if d.observation == "Pleural Effusion"
    ]
    assert detail.status == "positive" and detail.change == "worse" and detail.side == "right"


def test_device_positions_follow_the_radiologist():
    def position(text: str, device: str) -> str | None:
        return next(d.position for d in label_report(text).details if d.observation == device)

    # 2 cm above the carina is an accepted ETT position; the report's own "적절한 위치" is never overruled
    assert position("ET tube tip 2 cm above carina, 적절한 위치.", "Endotracheal Tube") == "appropriate"
    assert position("Endotracheal tube tip is 1.5 cm above the carina.", "Endotracheal Tube") == "malpositioned"
    assert position("NG tube tip은 위(stomach) 내에 위치함.", "Nasogastric Tube") == "appropriate"


def test_a_denied_suggestion_is_a_negation_not_a_hedge():
    # "X를 시사하는 소견은 보이지 않음": no finding suggests X, so X is negative (not uncertain)
    assert label("폐렴을 시사하는 소견은 보이지 않음.")["Pneumonia"] == "negative"
    assert label("기흉 의심되는 소견 없음.")["Pneumothorax"] == "negative"
    assert label("우하엽에 폐렴을 시사하는 음영 있음.")["Pneumonia"] == "uncertain"  # a suggestion stays a hedge
    assert label("우하엽 폐렴 의심됨.")["Pneumonia"] == "uncertain"


@pytest.mark.parametrize(
    ("text", "observation", "expected"),
    [
        # A diagnosis weighed and found improbable is a hedge, never a finding.
        ("Pulmonary edema is less likely given the normal heart size.", "Edema", "uncertain"),
        ("Findings favor atelectasis; pneumonia unlikely.", "Pneumonia", "uncertain"),
        ("Unlikely to represent pneumothorax.", "Pneumothorax", "uncertain"),
        ("Left basilar opacity, likely atelectasis.", "Lung Opacity", "positive"),
        # "배제 필요" / "감별 요함": still to be ruled out.
        ("좌하엽 음영 증가, pneumonia 배제 필요.", "Pneumonia", "uncertain"),
        ("Rt. upper lobe에 consolidation, TB 감별 요함.", "Consolidation", "positive"),
        # A Korean hedge after an English term.
        ("Lt. upper lung field에 약 8 mm nodule 의심.", "Lung Lesion", "uncertain"),
        ("Rt. CP angle blunting, small effusion 의증.", "Pleural Effusion", "uncertain"),
    ],
)
def test_hedges_in_every_language_mix(text, observation, expected):
    assert label(text)[observation] == expected


@pytest.mark.parametrize(
    ("report", "observation", "expected"),
    [
        # A bare "X r/o" line restates the clinical question when the report answers it elsewhere.
        ("[판독소견]\n흉수 r/o.\n양측 늑골횡격막각 예리함, 흉수 없음.\n결론: 흉수 없음.", "Pleural Effusion", "negative"),
        ("R/O PTX.\nNo pneumothorax is seen after line placement.", "Pneumothorax", "negative"),
        ("Rule out pneumonia.\nLungs are clear. No focal consolidation.", "Pneumonia", None),
        # ... but an r/o the report leaves open (a conclusion) is a hedge.
        ("소견: 우하엽 경화.\n결론: 우하엽 폐렴 r/o.", "Pneumonia", "uncertain"),
        ("IMPRESSION: Left lower lobe opacity, r/o aspiration pneumonia.", "Pneumonia", "uncertain"),
    ],
)
def test_a_restated_clinical_question_is_not_a_finding(report, observation, expected):
    assert label(report).get(observation) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Korean hospital shorthand and itemised reports
        ("- PTX (-)\n- Lt. pleural effusion (+)", {"Pneumothorax": "negative", "Pleural Effusion": "positive"}),
        ("심비대 (-), 폐부종 (-).", {"Cardiomegaly": "negative", "Edema": "negative"}),
        ("Rt. CPA blunting (+/-).", {"Pleural Effusion": "uncertain"}),
        ("Pneumothorax: none. Consolidation: negative.", {"Pneumothorax": "negative", "Consolidation": "negative"}),
        # a suspicion that is denied is a negation ("…의심 소견 없음")
        ("기흉 의심 소견 없음.", {"Pneumothorax": "negative"}),
        ("우하엽 폐렴 의심 소견 보임.", {"Pneumonia": "uncertain"}),
    ],
)
def test_shorthand_polarity_and_denied_suspicions(text, expected):
    labels = label(text)
    assert {o: labels.get(o) for o in expected} == expected, labels


def test_an_addendum_settles_what_the_body_only_weighed():
    report = (
        "FINDINGS: Left basilar opacity, which may be atelectasis or aspiration pneumonia.\n"
        "IMPRESSION: Left basilar opacity, atelectasis versus pneumonia.\n"
        "ADDENDUM: The chest CT obtained the same day shows linear atelectasis at the left base and no consolidation."
    )
    labels = label(report)
    assert labels["Atelectasis"] == "positive" and labels["Consolidation"] == "negative", labels
    assert "Pneumonia" not in labels, labels
    # without an addendum the body's differential stands
    assert label(report.split("\nADDENDUM")[0])["Pneumonia"] == "uncertain"


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        # a hedge that ends the clause looks back
        ("Patchy right basilar opacity, with infection also possible.", "Pneumonia"),
        ("Left lower lobe collapse suspected.", "Atelectasis"),
        # an artifact offered as a reading makes the finding uncertain
        ("The mediastinum is widened, probably due to supine technique and rotation.", "Enlarged Cardiomediastinum"),
        ("Ill-defined right basilar opacity may reflect pneumonia versus overlapping soft tissue.", "Lung Opacity"),
        ("Left midlung nodular density, possibly a nipple shadow.", "Lung Lesion"),
        ("좌하폐야 결절 음영, 혈관 중첩 가능성.", "Lung Lesion"),
        # what a limited view shows
        ("Portable 사진으로 심장 크기 평가 제한적이나 다소 커져 보임.", "Cardiomegaly"),
    ],
)
def test_hedges_that_look_back_and_artifacts(text, observation):
    assert label(text)[observation] == "uncertain", label(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No pneumothorax and the right effusion has grown.", {"Pneumothorax": "negative", "Pleural Effusion": "positive"}),
        ("No pneumothorax, moderate right effusion.", {"Pneumothorax": "negative", "Pleural Effusion": "positive"}),
        ("No pneumothorax, effusion, or consolidation.", {"Pneumothorax": "negative", "Pleural Effusion": "negative"}),
        ("Neither effusion nor pneumothorax.", {"Pneumothorax": "negative", "Pleural Effusion": "negative"}),
        ("Interval removal of the ET tube and the right chest tube.", {"Support Devices": "negative"}),
    ],
)
def test_a_negation_ends_where_a_new_statement_starts(text, expected):
    labels = label(text)
    assert {o: labels.get(o) for o in expected} == expected, labels


@pytest.mark.parametrize(
    "text",
    [
        "우측 흉수는 뚜렷하지 않습니다.",
        "기흉 명확하지 않음.",
        "좌측 흉수 분명하지 않음.",
        "No definite left pleural effusion.",
        "No convincing right pleural effusion.",
        "A pleural effusion is not clearly seen.",
    ],
)
def test_absence_wordings_are_negative_not_uncertain(text):
    # CheXpert reads "no definite X" as negative; "X 뚜렷하지 않음" is its Korean form
    observation = "Pneumothorax" if "기흉" in text else "Pleural Effusion"
    assert label(text)[observation] == N


def test_an_unclear_margin_describes_a_lesion_it_does_not_deny_it():
    assert label("좌상엽에 경계가 뚜렷하지 않은 결절.")["Lung Lesion"] == "positive"
    assert label("우하엽 결절, 경계는 뚜렷하지 않음.")["Lung Lesion"] == "positive"
    assert label("좌하엽 경화, 경계 분명하지 않음.")["Consolidation"] == "positive"
    assert label("Right effusion cannot be excluded.")["Pleural Effusion"] == "uncertain"


@pytest.mark.parametrize(
    "report",
    [
        "[흉부 PA / Lat] 결핵 클리닉 외래\n판독소견: 양측 폐야 깨끗함. 특이 소견 없음.",
        "Referred from the TB clinic. FINDINGS: The lungs are clear.",
    ],
)
def test_a_clinic_named_after_a_disease_is_no_finding(report):
    assert [d for d in label_report(report).details if d.observation == "Tuberculosis"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("진구성 결핵, 활동성 병변 의심 소견 없음.", {"Old Tuberculosis": "positive"}),
        ("진구성 늑골 골절, 기흉 없음.", {"Rib Fracture": "positive", "Pneumothorax": "negative"}),
        ("기흉, 흉수 없음.", {"Pleural Effusion": "negative", "Pneumothorax": "negative"}),
    ],
)
def test_a_korean_closing_negation_skips_an_old_finding_listed_before_it(text, expected):
    got = {d.observation: d.status for d in label_report(text).details}
    assert {o: got.get(o) for o in expected} == expected


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("좌측 흉수 양이 적음, 기흉은 보이지 않음.", "Pleural Effusion"),
        ("우측 기흉 약 2 cm, 흉수 없음.", "Pneumothorax"),
        ("좌측 흉수 이전보다 줄어듦, 기흉 없음.", "Pleural Effusion"),
        ("심박동기 위치 양호, 기흉 없음.", "Pacemaker"),
        ("PICC 끝 위치 적절함, PTX 없음.", "Central Line"),
        ("우측 흉관 삽입 상태, 기흉 없음.", "Chest Tube"),
    ],
)
def test_a_korean_closing_negation_skips_a_finding_with_its_own_predicate(text, present):
    # "X 소량, Y 없음": what follows X before the comma says something of X; the negation is Y's alone
    got = {d.observation: d.status for d in label_report(text).details}
    assert got[present] == "positive"
    assert "negative" in got.values()


@pytest.mark.parametrize("text", ["결절 및 종괴, 흉수는 없음.", "기흉이나, 흉수는 보이지 않음.", "폐렴 또는 무기폐, 흉수 없음."])
def test_a_korean_closing_negation_still_denies_a_bare_list(text):
    assert {d.status for d in label_report(text).details} == {"negative"}


@pytest.mark.parametrize(
    ("text", "seen", "weighed"),
    [
        ("좌하엽 경화로 흡인성 폐렴 의심됨.", "Consolidation", "Pneumonia"),
        ("Rt. upper lobe 침윤 소견으로 보아 결핵 가능성.", "Lung Opacity", "Tuberculosis"),
    ],
)
def test_a_korean_hedge_weighs_the_diagnosis_drawn_from_a_lesion_not_the_lesion(text, seen, weighed):
    got = {d.observation: d.status for d in label_report(text).details}
    assert (got[seen], got[weighed]) == ("positive", "uncertain")


def test_a_place_before_another_finding_gives_no_descriptor_to_the_place():
    # "종격동 림프절 비대": enlarged nodes of the mediastinum, not a widened mediastinum
    got = {d.observation: d.status for d in label_report("우측 종격동 림프절 비대가 보임.").details}
    assert got == {"Lymphadenopathy": "positive"}
    got = {d.observation: d.status for d in label_report("심장 및 종격동 윤곽 정상.").details}
    assert got == {"Cardiomegaly": "negative", "Enlarged Cardiomediastinum": "negative"}


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("좌측 4, 5번 늑골에 오래된 골절.", "Rib Fracture"),
        ("Lt. 7th rib에 healed fracture 보임.", "Rib Fracture"),
        ("Rt. hilar LN 종대.", "Lymphadenopathy"),
        ("Paratracheal lymph node enlargement.", "Lymphadenopathy"),
    ],
)
def test_korean_and_mixed_wordings_of_a_rib_fracture_and_enlarged_nodes(text, observation):
    assert [d.observation for d in label_report(text).details] == [observation]


@pytest.mark.parametrize(
    ("text", "observation", "status"),
    [
        ("Appearance suggests congestive heart failure.", "Edema", "uncertain"),
        ("No radiographic evidence of CHF.", "Edema", "negative"),
        ("There is cephalization with mild vascular indistinctness.", "Edema", "positive"),
        ("양측 하폐야에 Kerley B line 관찰됨.", "Edema", "positive"),
        ("울혈성 심부전에 합당한 소견.", "Edema", "positive"),
        ("Patchy right basilar bronchopneumonia.", "Pneumonia", "positive"),
    ],
)
def test_signs_and_names_of_edema_and_pneumonia_from_the_chexpert_phrase_families(text, observation, status):
    assert label(text)[observation] == status


@pytest.mark.parametrize(
    "text", ["Rt. pleural effusion, large, malignant effusion 가능성.", "좌측 흉수 다량, 결핵성 흉수 의심."]
)
def test_a_hedge_on_the_kind_of_a_finding_named_again_leaves_it_present(text):
    assert label(text)["Pleural Effusion"] == "positive"


def test_a_nipple_shadow_is_no_lung_opacity():
    assert "Lung Opacity" not in label("좌하폐야 결절은 유두 음영 가능성 높음.")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Lungs are clear. CTR 0.46.", "negative"),
        ("심흉곽비 0.5.", "negative"),
        ("C/T ratio 0.57, 이전과 비슷.", "positive"),
        ("CTR 약 61%.", "positive"),
    ],
)
def test_a_cardiothoracic_ratio_alone_tells_the_heart_size(text, status):
    # above 0.5 the heart is enlarged on a frontal film; a ratio alone is the report's statement of it
    assert label(text)["Cardiomegaly"] == status


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("Coarse interstitial changes at both bases.", "Lung Opacity"),
        ("양측 폐야에 간질성 음영 증가.", "Lung Opacity"),
        ("The hemidiaphragms are flattened.", "Hyperinflation"),
        ("양측 횡격막 편평화 소견.", "Hyperinflation"),
        ("Loculated right empyema.", "Pleural Effusion"),
        ("우측 농흉.", "Pleural Effusion"),
        ("승모판 치환술 후 상태.", "Support Devices"),
        ("요추 유합술 후 상태.", "Support Devices"),
    ],
)
def test_more_wordings_radiologists_use_for_findings_of_the_vocabulary(text, observation):
    assert [d.observation for d in label_report(text).details] == [observation]


@pytest.mark.parametrize(
    ("text", "status", "change"),
    [
        ("좌측 흉수는 이전보다 증가하지 않았음.", "positive", "stable"),
        ("우하엽 경화, 악화 소견 없음.", "positive", "stable"),
        ("기흉이 더 커지지는 않음.", "positive", "stable"),
        ("우측 흉수는 남아 있지 않음.", "negative", None),
        ("기흉이 있지는 않음.", "negative", None),
        ("결핵이 의심되지는 않음.", "negative", None),
    ],
)
def test_a_korean_denied_verb_denies_what_it_says(text, status, change):
    # a change denied leaves the finding there as it was; a presence or a suspicion denied is a negation
    (detail,) = label_report(text).details
    assert (detail.status, detail.change) == (status, change)


def test_a_pleural_fluid_drainage_is_a_procedure_not_a_finding():
    # "흉수 흡인 후": after the fluid was drawn off; neither an effusion stated nor an aspiration
    assert label_report("좌측 흉수 천자 후 촬영함.").details == []
    assert label_report("Rt. 흉수 흡인 후 검사. 기흉 없음.").labels == {"No Finding": "positive", "Pneumothorax": "negative"}


@pytest.mark.parametrize(
    ("text", "status"), [("심장: 크기 정상", "negative"), ("Heart: WNL", "negative"), ("심장: 비대 소견", "positive")]
)
def test_an_itemised_heart_line_is_read(text, status):
    assert label(text)["Cardiomegaly"] == status


def test_an_abscess_is_an_infection():
    assert label("Rt. upper lobe cavitary lesion, abscess 가능성.")["Pneumonia"] == "uncertain"


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("좌상엽 첨부에 섬유성 병변, 진구성 결핵 후유증.", "Scarring"),
        ("Lt. upper lobe에 섬유석회화 병변.", "Scarring"),
        ("Fibronodular changes at both apices.", "Scarring"),
        ("Rt. 6th rib 골절, 치유 중.", "Rib Fracture"),
    ],
)
def test_a_fibrotic_lesion_is_a_scar_and_a_rib_fracture_in_mixed_words(text, observation):
    found = label_report(text)
    assert observation in [d.observation for d in found.details]
    assert "Lung Lesion" not in found.labels


@pytest.mark.parametrize(
    "text",
    [
        "감염내과\n판독소견: 흉부 사진상 이상 소견 없음.",
        "의뢰과: 혈액종양내과\n판독소견: 정상 흉부.",
        "[폐암센터 외래] 흉부 PA\n판독소견: 특이 소견 없음.",
        "Ordering service: Infectious Diseases clinic.\nFINDINGS: The lungs are clear.",
    ],
)
def test_a_department_named_in_the_header_is_no_finding(text):
    assert label(text) == {"No Finding": "positive"}


def test_the_disease_word_of_a_department_still_names_a_finding_in_the_body():
    assert label("판독소견: 우하엽 경화, 감염 가능성.")["Pneumonia"] == "uncertain"


@pytest.mark.parametrize(
    "report",
    ["Lt. subclavian approach로 삽입된 Port-A catheter tip은 SVC-RA junction에 위치함.", "Right Port-A-Cath tip in the SVC."],
)
def test_a_port_a_catheter_is_the_central_line_its_report_names(report):
    found = label_report(report)
    assert [(d.observation, d.position) for d in found.details] == [("Central Line", "appropriate")], found.details
