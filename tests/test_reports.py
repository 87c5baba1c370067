import csv
import json

import pytest

from korad.artifacts import InputError
from korad.reports import Rejected, Report, read_reports, write_reports
from korad.samples import SAMPLE_REPORTS

OPENI_XML = """<?xml version="1.0" encoding="utf-8"?>
<eCitation>
  <meta type="rr"/>
  <uId id="CXR1"/>
  <MedlineCitation><Article><Abstract>
    <AbstractText Label="COMPARISON">None.</AbstractText>
    <AbstractText Label="INDICATION">Positive TB test</AbstractText>
    <AbstractText Label="FINDINGS">The cardiac silhouette and mediastinum size are within normal limits. There is no pulmonary edema. There is no focal consolidation. There are no XXXX of a pleural effusion.</AbstractText>
    <AbstractText Label="IMPRESSION">Normal chest x-XXXX.</AbstractText>
  </Abstract></Article></MedlineCitation>
  <MeSH><major>normal</major></MeSH>
</eCitation>
"""


def reports_and_rejects(path):
    items = list(read_reports(path))
    return [i for i in items if isinstance(i, Report)], [i for i in items if isinstance(i, Rejected)]


def test_mimic_tree(tmp_path):
    for patient, study, text in [
        ("p10000032", "s50414267", "FINDINGS: No pneumothorax."),
        ("p10000032", "s53189527", "IMPRESSION: 심비대."),
        ("p10000764", "s57375967", "FINDINGS: Lungs clear."),
    ]:
        folder = tmp_path / "files" / patient[:3] / patient
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{study}.txt").write_text(f"                 FINAL REPORT\n {text}\n", encoding="utf-8")
    (tmp_path / "files" / "index.txt").write_text("not a report")
    reports, rejects = reports_and_rejects(tmp_path)
    assert [r.id for r in reports] == ["s50414267", "s53189527", "s57375967"]
    assert {r.source for r in reports} == {"mimic-cxr"}
    assert reports[0].meta == {"subject_id": "p10000032"}
    assert reports[1].language == "ko" and not rejects


def test_mimic_tree_with_a_file_that_is_not_utf8(tmp_path):
    folder = tmp_path / "files" / "p10" / "p10000032"
    folder.mkdir(parents=True)
    (folder / "s1.txt").write_bytes("FINDINGS: ok\n기흉 없음\n".encode("euc-kr"))
    with pytest.raises(InputError, match=r"s1\.txt:2: not valid UTF-8"):
        list(read_reports(tmp_path))


def test_notes_csv_with_bom_and_multiline_notes(tmp_path):
    path = tmp_path / "notes.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "note"])
        writer.writerow(["1", "FINDINGS:\nNo effusion.\nIMPRESSION:\nNormal."])
        writer.writerow(["2", "기흉이 있음."])
    reports, rejects = reports_and_rejects(path)
    assert [(r.id, r.source) for r in reports] == [("1", "csv"), ("2", "csv")]
    assert reports[0].text.startswith("FINDINGS:") and not rejects


def test_csv_without_id_and_note_names_the_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("report_id,text\n1,No effusion.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.csv:1: missing column\(s\) id, note; found report_id, text"):
        list(read_reports(path))


def test_csv_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("id,note\n1,ok\n2,caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin\.csv:3: not valid UTF-8"):
        list(read_reports(path))


def test_jsonl_reports_and_a_line_missing_text(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "a", "text": "No effusion."}\n\n{"id": "b"}\n{"id": 7, "text": "기흉.", "source": "x"}\n')
    reports, rejects = reports_and_rejects(path)
    assert [(r.id, r.source) for r in reports] == [("a", "jsonl"), ("7", "x")]
    assert rejects[0].where.endswith("r.jsonl:3") and "missing field" in rejects[0].reason


def test_jsonl_with_broken_json_names_the_line(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\n{"id": "b", "text": \n')
    with pytest.raises(InputError, match=r"r\.jsonl:2: not valid JSON"):
        list(read_reports(path))


def test_openi_xml_file_and_folder(tmp_path):
    (tmp_path / "1.xml").write_text(OPENI_XML, encoding="utf-8")
    (tmp_path / "2.xml").write_text(OPENI_XML.replace("CXR1", "CXR2"), encoding="utf-8")
    reports, _ = reports_and_rejects(tmp_path)
    assert [r.id for r in reports] == ["CXR1", "CXR2"]
    record = reports[0].to_record()
    assert record["source"] == "open-i" and record["sections"]["indication"] == "Positive TB test"
    assert record["sections"]["impression"] == "Normal chest x-XXXX."
    assert record["findings"]["Edema"] == "negative" and record["findings"]["No Finding"] == "positive"
    assert reports[0].meta == {"mesh": ["normal"]}


def test_openi_xml_that_is_broken(tmp_path):
    (tmp_path / "1.xml").write_text(OPENI_XML.replace("</Abstract>", ""), encoding="utf-8")
    with pytest.raises(InputError, match=r"1\.xml:\d+: not valid XML"):
        list(read_reports(tmp_path / "1.xml"))


def test_indiana_reports_csv(tmp_path):
    path = tmp_path / "indiana_reports.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uid", "MeSH", "Problems", "image", "indication", "comparison", "findings", "impression"])
        writer.writerow(
            [
                "1",
                "normal",
                "normal",
                "Xray Chest PA and Lateral",
                "Positive TB test",
                "None.",
                "The heart is normal in size. No pneumothorax.",
                "Normal chest x-XXXX.",
            ]
        )
        writer.writerow(["2", "Cardiomegaly", "Cardiomegaly", "", "", "", "", "Cardiomegaly."])
    reports, _ = reports_and_rejects(path)
    assert [(r.id, r.source) for r in reports] == [("1", "open-i"), ("2", "open-i")]
    assert reports[0].to_record()["sections"]["findings"] == "The heart is normal in size. No pneumothorax."
    assert reports[1].to_record()["findings"] == {"Cardiomegaly": "positive"}


def test_indiana_csv_missing_columns_is_read_as_notes_and_fails_clearly(tmp_path):
    path = tmp_path / "indiana_reports.csv"
    path.write_text("uid,findings\n1,ok\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        list(read_reports(path))


def test_empty_duplicate_and_oversized_reports_are_rejected_with_reasons(tmp_path):
    path = tmp_path / "r.jsonl"
    rows = [
        {"id": "a", "text": "No effusion."},
        {"id": "b", "text": "   "},
        {"id": "a", "text": "Again."},
        {"id": "c", "text": "x" * 1_000_000},
        {"id": "", "text": "No id."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    reports, rejects = reports_and_rejects(path)
    assert [r.id for r in reports] == ["a"]
    reasons = [(r.reason, r.detail) for r in rejects]
    assert reasons[0] == ("empty text", None)
    assert reasons[1][0] == "duplicate id" and reasons[1][1].startswith("'a' first seen at")
    assert reasons[1][1].endswith("r.jsonl:1")
    assert reasons[2] == ("text too long", "1000000 characters, limit 100000")
    assert reasons[3] == ("missing id", None)


def test_unknown_format_and_missing_path(tmp_path):
    (tmp_path / "r.txt").write_text("hello")
    with pytest.raises(InputError, match=r"unknown input format \.txt"):
        list(read_reports(tmp_path / "r.txt"))
    with pytest.raises(InputError, match="no such file"):
        list(read_reports(tmp_path / "nope.csv"))


def test_windows_line_ends_leave_no_carriage_return_in_a_report(tmp_path):
    # Excel and Windows exports end lines with CRLF; the CR stayed in the text, its sections and evidence
    path = tmp_path / "notes.csv"
    path.write_bytes(b'id,note\r\n1,"FINDINGS: Small left\r\neffusion.\r\nIMPRESSION: Effusion."\r\n')
    (report,) = reports_and_rejects(path)[0]
    assert report.text == "FINDINGS: Small left\neffusion.\nIMPRESSION: Effusion."
    assert report.to_record()["sections"]["findings"] == "Small left\neffusion."


def test_an_empty_input_is_bad_input_naming_the_file(tmp_path):
    # was: read nothing, then "stage reports wrote nothing: its input has no units", exit 1 (unexpected error)
    for name, content in (("r.jsonl", ""), ("blank.jsonl", "\n \n"), ("notes.csv", "id,note\n")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(InputError, match=rf"{name}: holds no reports") as error:
            list(read_reports(path))
        assert error.value.exit_code == 2


def test_a_broken_line_stops_the_run_after_every_report_before_it_is_written(tmp_path):
    # A copy cut short: the last line is torn. The run stops there (exit 2) but the reports read
    # before it are written; the unit read just before the bad line was cancelled, not written.
    path = tmp_path / "r.jsonl"
    good = [json.dumps({"id": i, "text": f"No effusion {i}."}) for i in ("a", "b")]
    path.write_text("\n".join([*good, json.dumps({"id": "c", "text": "cut"})[:20]]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with pytest.raises(InputError, match=r"r\.jsonl:3: not valid JSON"):
        write_reports(path, out)
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "b"]


def test_sample_corpus_loads_as_reports():
    reports, rejects = reports_and_rejects(SAMPLE_REPORTS)
    assert len(reports) >= 60 and not rejects
    assert {r.language for r in reports} == {"en", "ko", "mixed"}
    assert all("labels" in r.meta for r in reports)
