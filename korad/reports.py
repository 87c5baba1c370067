"""Chest X-ray reports: one model, loaders for the common sources, and the reports artifact.

Sources, detected from the path:

- a MIMIC-CXR notes tree (``files/pNN/pNNNNNNNN/sNNNNNNNN.txt``; id = the study id);
- a CSV with ``id,note`` columns (the original Ko-Radiology-GPT format; a UTF-8 BOM is fine);
- a JSONL file with ``id`` and ``text`` (``source`` kept when present);
- Open-i / Indiana University reports: a folder of (or one) XML file, or ``indiana_reports.csv``
  (uid, MeSH, Problems, image, indication, comparison, findings, impression).

``read_reports`` yields ``Report`` objects, or ``Rejected`` ones (empty text, duplicate id, text too
long) that the caller quarantines. A file that cannot be read at all raises ``InputError``.
Run ``python -m korad.reports INPUT --output reports.jsonl`` to write the reports artifact.
"""

from __future__ import annotations

import csv
import itertools
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from korad.artifacts import InputError, Ledger, csv_rows, read_jsonl, read_text, text_lines
from korad.language import Language, detect_language
from korad.lineage import normalise_source
from korad.sections import body_text, parse_sections
from korad.stage import DEFAULT_MAX_FAILED_FRACTION, Reject, run_stage
from korad.text import MAX_REPORT_CHARS, unix_newlines

MAX_CHARS = MAX_REPORT_CHARS
"""Reports longer than this are quarantined (``korad.text.MAX_REPORT_CHARS``)."""


@dataclass
class Report:
    """One radiology report as every stage sees it."""

    id: str
    text: str
    source: str
    where: str = ""
    """File and line (or file) it came from, for error messages."""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def language(self) -> Language:
        """en, ko or mixed, from the text without its headers ("FINDINGS:" is no English)."""
        return detect_language(body_text(self.text))

    def to_record(self) -> dict[str, Any]:
        """The reports artifact line: id, source, language, text, sections and findings."""
        from korad.findings import label_report

        findings = label_report(self.text)
        return {
            "id": self.id,
            "source": normalise_source(self.source),
            "language": self.language,
            "text": self.text,
            "sections": parse_sections(self.text),
            "findings": findings.labels,
            **({"meta": self.meta} if self.meta else {}),
        }


@dataclass
class Rejected:
    """A record that could not become a report, and why."""

    reason: str
    where: str
    record: dict[str, Any]
    detail: str | None = None


# ---------------------------------------------------------------- the loaders, one per source

_MIMIC_FILE = re.compile(r"s\d+\.txt")
_MIMIC_PATIENT = re.compile(r"p\d+")


def read_mimic_tree(root: Path) -> Iterator[Report]:
    """Reports of a MIMIC-CXR notes tree: ``files/pNN/pNNNNNNNN/sNNNNNNNN.txt``."""
    for path in sorted(root.rglob("s*.txt")):
        if _MIMIC_FILE.fullmatch(path.name) and _MIMIC_PATIENT.fullmatch(path.parent.name):
            yield Report(path.stem, read_text(path), "mimic-cxr", str(path), {"subject_id": path.parent.name})


def read_notes_csv(path: Path) -> Iterator[Report]:
    """Reports of an ``id,note`` CSV."""
    for line, row in csv_rows(path, ("id", "note")):
        yield Report(row["id"].strip(), row["note"], "csv", f"{path}:{line}")


def read_jsonl_reports(path: Path) -> Iterator[Report | Rejected]:
    """Reports of a JSONL file with ``id`` and ``text`` (a line lacking either is rejected)."""
    for line, record in read_jsonl(path):
        where = f"{path}:{line}"
        if "id" not in record or not isinstance(record.get("text"), str):
            yield Rejected("missing field", where, record, "a report line needs 'id' and a string 'text'")
            continue
        meta = {k: v for k, v in record.items() if k not in ("id", "text", "source", "language")}
        report_id = "" if record["id"] is None else str(record["id"]).strip()  # null or empty: "missing id"
        yield Report(report_id, record["text"], record.get("source") or "jsonl", where, meta)


_OPENI_SECTIONS = ("comparison", "indication", "findings", "impression")


def _compose(sections: dict[str, str]) -> str:
    """Report text from Open-i sections, with headers that ``parse_sections`` reads back."""
    return "\n".join(
        f"{name.upper()}: {value.strip()}" for name in _OPENI_SECTIONS if (value := sections.get(name, "").strip())
    )


def read_openi_xml(path: Path) -> Iterator[Report]:
    """Reports of Open-i XML files (one file, or every ``*.xml`` of a folder)."""
    for file in sorted(path.glob("*.xml")) if path.is_dir() else [path]:
        try:
            root = ET.fromstring(read_text(file))
        except ET.ParseError as error:
            raise InputError(
                file, f"not valid XML ({error.msg if hasattr(error, 'msg') else error})", line=error.position[0]
            ) from None
        sections = {(node.get("Label") or "").lower(): "".join(node.itertext()) for node in root.iter("AbstractText")}
        uid = root.find(".//uId")
        report_id = uid.get("id") if uid is not None and uid.get("id") else file.stem
        meta = {"mesh": [m.text for m in root.iter("major") if m.text]}
        yield Report(report_id, _compose(sections), "open-i", str(file), meta)


def read_indiana_csv(path: Path) -> Iterator[Report]:
    """Reports of the Indiana University ``indiana_reports.csv``."""
    for line, row in csv_rows(path, ("uid", "findings", "impression")):
        meta = {k: row[k] for k in ("mesh", "problems", "image") if row.get(k)}
        yield Report(row["uid"].strip(), _compose(row), "open-i", f"{path}:{line}", meta)


def _csv_header(path: Path) -> set[str]:
    first = next(text_lines(path), "")
    return {c.strip().lower() for c in next(csv.reader([first]), [])}


def _loader(path: Path) -> Callable[[Path], Iterator[Report | Rejected]]:
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if path.is_dir():
        if any(_MIMIC_FILE.fullmatch(p.name) for p in path.rglob("s*.txt")):
            return read_mimic_tree
        if any(path.glob("*.xml")):
            return read_openi_xml
        raise InputError(path, "folder holds neither a MIMIC-CXR tree (pNN/pNNNNNNNN/sNNNNNNNN.txt) nor Open-i XML")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl_reports
    if suffix == ".xml":
        return read_openi_xml
    if suffix == ".csv":
        return read_indiana_csv if {"uid", "findings", "impression"} <= _csv_header(path) else read_notes_csv
    raise InputError(path, f"unknown input format {suffix or '(no extension)'}: use a folder, .csv, .jsonl or .xml")


def read_reports(path: str | os.PathLike[str], max_chars: int = MAX_CHARS) -> Iterator[Report | Rejected]:
    """Every report of ``path`` in file order; empty, over-long and duplicate ones as ``Rejected``.

    An input with no record at all (an empty file, a CSV with only its header) is an ``InputError``.
    """
    path = Path(path)
    seen: dict[str, str] = {}
    empty = True
    for item in _loader(path)(path):
        empty = False
        if isinstance(item, Rejected):
            yield item
            continue
        item.text = unix_newlines(item.text).strip()
        raw = {"id": item.id, "text": item.text[:2000], "source": item.source}
        if not item.id:
            yield Rejected("missing id", item.where, raw)
        elif not item.text:
            yield Rejected("empty text", item.where, raw)
        elif len(item.text) > max_chars:
            yield Rejected("text too long", item.where, raw, f"{len(item.text)} characters, limit {max_chars}")
        elif item.id in seen:
            yield Rejected("duplicate id", item.where, raw, f"{item.id!r} first seen at {seen[item.id]}")
        else:
            seen[item.id] = item.where
            yield item
    if empty:
        raise InputError(path, "holds no reports (an empty file, or a header without rows)")


# ---------------------------------------------------------------- command line


def write_reports(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str] | None,
    to_record: Callable[[Report], dict[str, Any]] = Report.to_record,
    max_chars: int = MAX_CHARS,
    quarantine: str | os.PathLike[str] | None = None,
    max_failed_fraction: float = DEFAULT_MAX_FAILED_FRACTION,
    stage: str = "reports",
    limit: int | None = None,
) -> Ledger:
    """Read every report of ``source`` (the first ``limit``) and append ``to_record(report)`` to
    ``output`` (resumable)."""

    def process(item: Report | Rejected) -> list[dict[str, Any]]:
        if isinstance(item, Rejected):
            raise Reject(item.reason, item.detail, record=item.record, where=item.where)
        return [to_record(item)]

    return run_stage(
        stage,
        itertools.islice(read_reports(source, max_chars), limit),
        process,
        output,
        unit_key=lambda item: None if isinstance(item, Rejected) else item.id,
        quarantine=quarantine,
        max_failed_fraction=max_failed_fraction,
    )


if __name__ == "__main__":  # python -m korad.reports: the same command as `korad reports`
    from korad.commands.reports import main

    raise SystemExit(main(prog="python -m korad.reports"))
