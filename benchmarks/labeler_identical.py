"""The labeler's output against another commit's: byte-identical on every text (a check for speed work).

    python benchmarks/labeler_identical.py [--against main] [--texts FILE.jsonl ...]

Every string of every row of the sample reports and of ``corpora/**/*.jsonl`` (reports, questions,
answers; and of the ``--texts`` files, such as probe sets kept outside the repository) is labelled by
this tree and by the commit ``--against`` (exported with ``git archive`` to a temporary directory),
each in its own process; for each text the labels, the evidence, every mention and every detail (with the sentence
it quotes) are written as one JSON line, and the two outputs must be the same byte for byte. Exit
status 1 when any text differs (the first ones are named).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_REPORTS = ROOT / "korad" / "data" / "sample_reports.jsonl"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value] if len(value) >= 8 else []
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def texts(extra: list[Path]) -> list[str]:
    """The distinct strings of the corpora and of ``extra``, in file order."""
    found: list[str] = []
    for path in [SAMPLE_REPORTS, *sorted(ROOT.glob("corpora/**/*.jsonl")), *extra]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.extend(_strings(json.loads(line)))
    return list(dict.fromkeys(found))


def dump(source: Path, output: Path) -> None:
    """Label every text of ``source`` (one JSON string a line) with the korad on ``sys.path``."""
    from korad.findings import label_report

    with output.open("w", encoding="utf-8") as out:
        for line in source.read_text(encoding="utf-8").splitlines():
            found = label_report(json.loads(line))
            record = found.to_record()
            record["mentions"] = [[m.observation, m.label, m.text, m.sentence] for m in found.mentions]
            record["detail_sentences"] = [d.sentence for d in found.details]
            record["order"] = [list(found.labels), list(found.evidence)]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", default="main", help="the commit to compare with")
    parser.add_argument("--texts", nargs="*", type=Path, default=[], help="more JSON Lines files of texts")
    parser.add_argument("--dump", nargs=2, type=Path, help=argparse.SUPPRESS)  # SOURCE OUTPUT (the child process)
    args = parser.parse_args()
    if args.dump:
        dump(*args.dump)
        return 0
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        archive = subprocess.run(["git", "archive", args.against], cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(work_dir / "other", filter="data")
        all_texts = texts(args.texts)
        source = work_dir / "texts.jsonl"
        source.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in all_texts), encoding="utf-8")
        outputs = []
        for tree in (ROOT, work_dir / "other"):
            output = work_dir / f"{len(outputs)}.jsonl"
            subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--dump", str(source), str(output)],
                cwd=tree,
                env={**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"},
                check=True,
            )
            outputs.append(output.read_text(encoding="utf-8").splitlines())
    differing = [i for i, (a, b) in enumerate(zip(*outputs, strict=True)) if a != b]
    print(f"{len(all_texts)} texts labelled by this tree and by {args.against}: {len(differing)} differ")
    for i in differing[:5]:
        print(f"  differs: {all_texts[i][:100]!r}")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
