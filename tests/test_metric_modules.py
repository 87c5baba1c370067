"""The `evaluate` modules of eval/metrics/: offline loading from a copy of the folder, hand-computed
outputs, the metric Space layout, the README example, and `korad metrics` computing through them."""

import json
import os
import re
import runpy
import shutil
import subprocess
import sys

import evaluate
import pandas as pd
import pytest
import yaml
from conftest import ROOT

from korad.clinical_errors import ERROR_TYPES
from korad.eval.metrics import CLINICAL_METRICS, compute_metrics, load_module

NAMES = ("korad_text", "korad_findings", "korad_grounding")
MODULES = ROOT / "eval" / "metrics"
REPORT = "Small left pleural effusion. ET tube tip 1 cm above the carina, should be withdrawn 2 cm. No pneumothorax."

LOAD_OFFLINE = """
import json, sys, evaluate
out = {}
for name in sys.argv[1:]:
    module = evaluate.load(f"metrics/{name}")
    if name != "korad_text":  # its Kiwi model takes long to load; computed in-process below
        out[name] = module.compute(predictions=["좌측 흉수가 있습니다."], references=["좌측 흉수가 있습니다."])
    out[f"{name}.class"] = type(module).__name__
print(json.dumps(out))
"""


def test_each_module_loads_offline_from_a_copy_of_the_folder(tmp_path):
    shutil.copytree(MODULES, tmp_path / "metrics")
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "HF_ENDPOINT": "http://127.0.0.1:9",  # nothing listens there: any request would fail
        "HF_MODULES_CACHE": str(tmp_path / "modules"),
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", LOAD_OFFLINE, *NAMES], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert [out[f"{name}.class"] for name in NAMES] == ["KoradText", "KoradFindings", "KoradGrounding"]
    assert out["korad_findings"]["micro_f1"] == 1.0
    assert out["korad_grounding"] == {**dict.fromkeys(ERROR_TYPES, 0), "error_free": 1.0}


def test_korad_text_by_hand():
    text = load_module("korad_text")
    # morphemes [left, pleural, effusion] against [small, left, pleural, effusion]: LCS 3, P 1, R 3/4
    per_answer = text.compute(
        predictions=["left pleural effusion", "좌측 흉수", "기흉은 없습니다."],
        references=["small left pleural effusion", "좌측 흉수", "심장 크기가 커졌어요"],
        use_aggregator=False,
    )
    assert per_answer["rouge_l"] == pytest.approx([6 / 7, 1.0, 0.0])
    assert per_answer["chrf"][1] == per_answer["bleu"][1] == 1.0
    aggregated = text.compute(
        predictions=["left pleural effusion", "좌측 흉수"], references=["small left pleural effusion", "좌측 흉수"]
    )
    assert aggregated["rouge_l"] == pytest.approx((6 / 7 + 1) / 2)
    assert 0 < aggregated["chrf"] < 1
    assert aggregated["bleu"] == 0.0  # corpus BLEU: neither answer has a 4-gram (3 and 2 morphemes)
    assert text.compute(predictions=["좌측 흉수가 있습니다."], references=["좌측 흉수가 있습니다."]) == {
        "rouge_l": 1.0,
        "chrf": 1.0,
        "bleu": 1.0,
    }


def test_korad_findings_by_hand():
    findings = load_module("korad_findings")
    result = findings.compute(
        predictions=["좌측 흉수가 있고 기흉은 없습니다.", "우상엽에 결절이 있습니다."],
        references=[
            "Left pleural effusion. No pneumothorax.",
            "1.8 cm nodule in the right upper lobe. Mild cardiomegaly.",
        ],
    )
    # tp: effusion, pneumothorax, lung lesion, nodule (extra vocabulary); fn: cardiomegaly -> 2*4 / (2*4 + 1)
    assert result["micro_f1"] == pytest.approx(8 / 9)
    assert result["per_observation"] == {
        "Cardiomegaly": 0.0,
        "Lung Lesion": 1.0,
        "Pneumothorax": 1.0,
        "Pleural Effusion": 1.0,
        "Nodule": 1.0,
    }
    assert result["macro_f1"] == pytest.approx(0.8)
    assert result["support"]["Cardiomegaly"] == 1
    per_answer = findings.compute(
        predictions=["기흉이 있습니다.", "폐기종이 있습니다."],
        references=["기흉은 없습니다.", "Emphysema. No effusion."],
        use_aggregator=False,
    )
    # emphysema agrees (extra vocabulary), the effusion is missed: 2*1 / (2 + 1)
    assert per_answer["finding_f1"] == pytest.approx([0.0, 2 / 3])


def test_korad_grounding_by_hand():
    grounding = load_module("korad_grounding")
    answers = [
        "우측에 흉수가 있습니다.",
        "기관내관은 적절한 위치에 있습니다.",
        "네.",
        "CT 검사를 받으셔야 합니다.",
        "좌측에 흉수가 조금 있습니다.",
    ]
    questions = [None, None, "기흉이 있나요?", None, None]
    result = grounding.compute(predictions=answers, references=[REPORT] * 5, questions=questions)
    assert result == {
        **dict.fromkeys(ERROR_TYPES, 0),
        "wrong_side": 1,
        "wrong_device_position": 1,
        "false_finding": 1,
        "unsupported_recommendation": 1,
        "error_free": 0.2,
    }
    without_questions = grounding.compute(predictions=answers, references=[REPORT] * 5, use_aggregator=False)
    assert without_questions["false_finding"] == [0, 0, 0, 0, 0]
    assert without_questions["error_free"] == [0.0, 0.0, 1.0, 0.0, 1.0]


@pytest.mark.parametrize("name", NAMES)
def test_the_metric_space_layout(name, monkeypatch):
    folder = MODULES / name
    card = (folder / "README.md").read_text(encoding="utf-8")
    header = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", card, re.S).group(1))
    assert header["sdk"] == "gradio" and header["app_file"] == "app.py" and (folder / "app.py").is_file()
    assert header["title"] == name and {"evaluate", "metric"} <= set(header["tags"]) and header["description"]
    assert "evaluate" in (folder / "requirements.txt").read_text(encoding="utf-8")
    launched = []
    monkeypatch.setattr(evaluate.utils, "launch_gradio_widget", launched.append)
    runpy.run_path(str(folder / "app.py"), run_name="__main__")
    (module,) = launched
    assert module.name == name and module.info.description and module.info.citation


def test_the_readme_example_runs(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Metrics as `evaluate` modules", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    _, findings, grounding = capsys.readouterr().out.strip().splitlines()
    assert "'micro_f1': 0.888" in findings and "'macro_f1': 0.8" in findings
    assert (
        "'wrong_side': 1" in grounding
        and "'unsupported_recommendation': 1" in grounding
        and "'error_free': 0.0" in grounding
    )


def test_korad_metrics_stores_error_types_per_answer():
    table = pd.DataFrame(
        [
            {
                "qa_id": "q1",
                "report": REPORT,
                "question": "흉수는 어느 쪽인가요?",
                "reference": "좌측입니다.",
                "answer_m": "우측에 흉수가 있습니다.",
            },
            {"qa_id": "q2", "report": REPORT, "question": "기흉이 있나요?", "reference": None, "answer_m": "네."},
            {
                "qa_id": "q3",
                "report": REPORT,
                "question": "흉수가 있나요?",
                "reference": None,
                "answer_m": "좌측에 소량 있습니다.",
            },
        ]
    )
    frame = compute_metrics(table)
    assert list(frame.columns) == ["qa_id", "model", "metric", "value"]
    value = frame.set_index(["qa_id", "metric"])["value"]
    assert value["q1", "error_wrong_side"] == 1.0 and value["q1", "error_free"] == 0.0
    assert value["q2", "error_false_finding"] == 1.0  # the question makes "네." assert a pneumothorax
    assert value["q3", "error_free"] == 1.0
    assert set(frame[frame.qa_id == "q2"].metric) == {"contradiction", *CLINICAL_METRICS}  # no reference
    assert {"chrf", "rouge_l", "bleu", "finding_f1"} <= set(frame[frame.qa_id == "q1"].metric)
