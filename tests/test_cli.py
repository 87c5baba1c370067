"""The two command lines of the foundation, run as a user runs them."""

import json
import subprocess
import sys

from conftest import ROOT

from korad.samples import SAMPLE_REPORTS


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_reports_cli_writes_the_reports_artifact(run, tmp_path):
    out = tmp_path / "reports.jsonl"
    result = run("-m", "korad.reports", str(SAMPLE_REPORTS), "--output", str(out))
    assert result.returncode == 0, result.stderr
    records = lines(out)
    assert len(records) == 66
    first = records[0]
    assert set(first) >= {"id", "source", "language", "text", "sections", "findings"}
    assert first["sections"]["indication"].startswith("___ year old woman")
    assert result.stderr.count("reports: read 66, written 66, already done 0, quarantined 0") == 1  # once
    assert "기흉" in out.read_text(encoding="utf-8")  # UTF-8, not \\u escapes


def test_reports_cli_resumes_and_never_overwrites(run, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": f"Report {i}. No effusion."}) + "\n" for i in range(5)))
    out = tmp_path / "out.jsonl"
    kept = {"id": "0", "text": "kept", "sections": {}}  # a reports record (an output of another kind is refused)
    out.write_text(json.dumps(kept) + "\n" + '{"id": "1", "tor')  # a crash mid-line
    result = run("-m", "korad.reports", str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr
    records = lines(out)
    assert records[0] == kept
    assert [r["id"] for r in records] == ["0", "1", "2", "3", "4"]
    assert "read 5, written 4, already done 1, quarantined 0" in result.stderr
    again = run("-m", "korad.reports", str(src), "-o", str(out))
    assert "read 5, written 0, already done 5" in again.stderr and len(lines(out)) == 5


def test_findings_cli_to_stdout_and_quarantine_next_to_output(run, tmp_path):
    src = tmp_path / "notes.csv"
    src.write_text('id,note\n1,"No pneumothorax, but a small left pleural effusion."\n2,\n1,dup\n', encoding="utf-8")
    result = run("-m", "korad.findings", str(src))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.splitlines()[0])
    # Rows keep findings and evidence and gain the details of each finding (docs/findings.md).
    details = record.pop("details")
    assert [(d["observation"], d["status"], d["side"], d["severity"]) for d in details] == [
        ("Pneumothorax", "negative", None, None),
        ("Pleural Effusion", "positive", "left", "mild"),
    ]
    assert record.pop("recommendations") == []
    assert record == {
        "id": "1",
        "findings": {"Pneumothorax": "negative", "Pleural Effusion": "positive"},
        "evidence": {
            "Pneumothorax": "No pneumothorax, but a small left pleural effusion.",
            "Pleural Effusion": "No pneumothorax, but a small left pleural effusion.",
        },
    }
    assert "quarantined" in result.stderr and "empty text" in result.stderr

    out = tmp_path / "labels.jsonl"
    result = run("-m", "korad.findings", str(src), "--output", str(out))
    quarantine = lines(tmp_path / "labels.quarantine.jsonl")
    assert [q["reason"].split(":")[0] for q in quarantine] == ["empty text", "duplicate id"]
    assert quarantine[0]["where"].endswith("notes.csv:3")
    assert "read 3, written 1, already done 0, quarantined 2 (empty text: 1; duplicate id: 1)" in result.stderr


def test_bad_input_exits_non_zero_naming_file_and_line_and_keeps_output(run, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "kept", "text": "x", "sections": {}}\n')
    bad = tmp_path / "bad.csv"
    bad.write_text("report,text\n1,x\n")
    result = run("-m", "korad.reports", str(bad), "-o", str(out))
    assert result.returncode == 2
    assert f"error: {bad}:1: missing column(s) id, note" in result.stderr
    assert out.read_text() == '{"id": "kept", "text": "x", "sections": {}}\n'


def test_an_output_that_is_the_input_is_refused(tmp_path, capsys):
    # was: every input id counted "already done" in the input itself, nothing written, exit 0
    from korad.commands.reports import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "No effusion."}) + "\n", encoding="utf-8")
    before = src.read_text(encoding="utf-8")
    assert main([str(src), "--output", str(tmp_path / "." / "in.jsonl")]) == 2
    assert "the same file as --input; choose another output file" in capsys.readouterr().err
    assert main([str(src), "--output", str(tmp_path / "out.jsonl"), "--quarantine", str(src)]) == 2
    assert "error: quarantine=" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == before and not (tmp_path / "out.jsonl").exists()
    # the default quarantine of -o in.jsonl's neighbour: rejects were appended to the input as it was read
    quarantined = tmp_path / "out.quarantine.jsonl"
    quarantined.write_text(json.dumps({"id": "b", "text": ""}) + "\n", encoding="utf-8")
    before = quarantined.read_text(encoding="utf-8")
    assert main([str(quarantined), "--output", str(tmp_path / "out.jsonl")]) == 2
    assert "the same file as --input" in capsys.readouterr().err
    assert quarantined.read_text(encoding="utf-8") == before


def test_an_output_holding_another_commands_records_is_refused(tmp_path, capsys):
    # was: `korad label X -o reports.jsonl` counted every id "already done" and wrote nothing, exit 0
    from korad.commands.label import main as label
    from korad.commands.reports import main as reports

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "FINDINGS: Small left effusion."}) + "\n", encoding="utf-8")
    assert reports([str(src), "-o", str(tmp_path / "reports.jsonl")]) == 0
    assert label([str(src), "-o", str(tmp_path / "labels.jsonl")]) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.jsonl")}
    capsys.readouterr()
    assert label([str(src), "-o", str(tmp_path / "reports.jsonl")]) == 2
    assert "reports.jsonl: exists and holds other records (its first line has no 'evidence')" in capsys.readouterr().err
    assert reports([str(src), "-o", str(tmp_path / "labels.jsonl")]) == 2
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.jsonl")} == before
    assert label([str(src), "-o", str(tmp_path / "labels.jsonl")]) == 0  # its own output: resumed as before


def test_a_device_as_output_is_refused_before_anything_is_read_or_locked(tmp_path, capsys):
    # was: -o /dev/full read the device forever (killed); -o /dev/null took a lock in /dev and wrote nothing
    from korad.commands.reports import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "No effusion."}) + "\n", encoding="utf-8")
    assert main([str(src), "-o", "/dev/null"]) == 2
    assert "error: /dev/null: exists and is not a file; choose another output (without --output: stdout)" in (
        capsys.readouterr().err
    )


def test_help_explains_the_inputs(run):
    result = run("-m", "korad.findings", "--help")
    assert result.returncode == 0 and "MIMIC-CXR" in result.stdout and "--output" in result.stdout


def test_a_reader_that_stops_early_gets_no_error_line(tmp_path):
    """``korad reports X | head -1``: the closed pipe ends the command quietly with the shell's 141."""
    rows = [json.loads(line) for line in SAMPLE_REPORTS.read_text(encoding="utf-8").splitlines()]
    many = tmp_path / "many.jsonl"  # more output than a pipe holds, so the writer must meet the closed end
    many.write_text("".join(json.dumps({**rows[i % 66], "id": f"r{i}"}) + "\n" for i in range(660)), encoding="utf-8")
    command = subprocess.Popen(
        [sys.executable, "-m", "korad.reports", str(many)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    command.stdout.readline()  # the reader takes one line and goes away
    command.stdout.close()
    stderr = command.stderr.read().decode()
    assert command.wait(timeout=120) == 141
    assert "error" not in stderr.lower() and "Traceback" not in stderr, stderr
