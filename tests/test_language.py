from korad.language import detect_language, hangul_share


def test_english_korean_and_mixed():
    assert detect_language("No pneumothorax. Heart size is normal.") == "en"
    assert detect_language("기흉은 없음. 심장 크기는 정상임.") == "ko"
    assert detect_language("RLL에 consolidation이 있으며 pneumonia 가능성이 높음.") == "mixed"


def test_korean_with_english_terms_in_parentheses_stays_korean():
    assert detect_language("우측에 소량의 흉막삼출(effusion)이 있으며 기흉은 없습니다.") == "ko"


def test_deidentification_marks_do_not_count_as_english():
    assert hangul_share("XXXX 세 남자. ___ 병원에서 촬영한 흉부 사진에서 기흉은 없음.") == 1.0
