"""JSON Lines artifacts between stages: resumable output, quarantine, and the run's ledger.

Every stage reads one artifact and writes one (docs/artifacts.md). ``ArtifactWriter`` appends to its
output and skips keys already there, so a rerun after a crash continues where it stopped; records
it rejects go to a quarantine file next to the output with their reason; its ``Ledger`` checks
that everything read was written, skipped as already done, or quarantined.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from korad.errors import InputError
from korad.text import HANGUL_RE, unix_newlines


def read_yaml(path: str | os.PathLike[str], what: str) -> Any:
    """A YAML file's data; a missing file or bad YAML is an ``InputError`` naming the file and line."""
    import yaml

    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise InputError(path, f"no such {what}") from None
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        raise InputError(path, f"not valid YAML ({error})", line=line + 1 if line is not None else None) from None


def dumps(record: dict[str, Any]) -> str:
    """One artifact line: UTF-8 JSON that keeps Hangul readable."""
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(path: str | os.PathLike[str], rows: Iterable[dict[str, Any]]) -> None:
    """Write ``rows`` as JSON lines to ``path`` atomically: a reader sees the old file or the new one."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.write_text("".join(dumps(row) + "\n" for row in rows), encoding="utf-8")
    partial.replace(path)


def text_lines(path: str | os.PathLike[str]) -> Iterator[str]:
    """Lines of a UTF-8 text file (a leading BOM dropped, a Windows CRLF line end read as LF); an invalid
    byte names its line and what to do: convert a file in another encoding a Korean user meets (UTF-16,
    CP949/EUC-KR, named), save a document (PDF, Word, HWP) as text."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(
                    path,
                    f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at column {error.start + 1})"
                    + _conversion_hint(path),
                    line=number,
                ) from None
            if line.endswith("\r\n"):  # a CSV field that spans lines keeps its line ends: LF, as in text mode
                line = line[:-2] + "\n"
            yield line.removeprefix("\ufeff") if number == 1 else line


_DOCUMENTS = {b"%PDF": "a PDF", b"PK\x03\x04": "a zip (Word, Excel, HWPX)", b"\xd0\xcf\x11\xe0": "an Office or HWP"}
"""The first bytes of the document files a report is often kept in instead of text."""


def _conversion_hint(path: str | os.PathLike[str]) -> str:
    """What to do with a file that is not UTF-8: save a document (PDF, Word, HWP) as text; convert a
    file whose encoding is clear, UTF-16 by its byte-order mark, CP949 (EUC-KR, what Korean hospital
    systems often export) when it decodes as CP949 to Hangul, with the ``iconv`` line that does it."""
    data = Path(path).read_bytes()
    for magic, kind in _DOCUMENTS.items():
        if data.startswith(magic):
            return f"; it is {kind} document, not text: save the report as a UTF-8 text file"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        try:
            text = data.decode("cp949")
        except UnicodeDecodeError:
            return "; convert the file to UTF-8"
        if not HANGUL_RE.search(text):
            return "; convert the file to UTF-8"
        encoding = "cp949"
    command = f"iconv -f {encoding} -t utf-8 {path} > NEW_FILE"
    return f"; convert the file to UTF-8 (it looks like {encoding.upper()}: {command})"


def read_text(path: str | os.PathLike[str], what: str = "text file") -> str:
    """A whole UTF-8 text file as ``text_lines`` reads it, with ``unix_newlines``; a missing path or a
    folder is an ``InputError``."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, f"a folder, not a {what}")
    return unix_newlines("".join(text_lines(path)))


class JSONValueError(ValueError):
    """JSON that the standard rejects (NaN, Infinity) or that is nested too deeply to read."""


def _refuse_constant(name: str) -> Any:
    raise JSONValueError(f"{name} is not a JSON number (write null or a string)")


def loads_strict(text: str | bytes) -> Any:
    """``json.loads`` that refuses NaN and Infinity and turns a too-deep nesting into a ``ValueError``."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise JSONValueError("nested too deeply to read") from None


csv.field_size_limit(1 << 30)  # over-long notes must reach the length check, not crash csv


def csv_rows(path: str | os.PathLike[str], *columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a UTF-8 CSV file (BOM allowed; header names stripped and lower-cased).

    The header must hold every column of at least one of ``columns`` (none given: any header).
    """
    reader = csv.DictReader(text_lines(path), strict=True)
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as error:
        raise InputError(path, f"not a readable CSV ({error})", line=1) from None
    if columns and not any(set(wanted) <= set(header) for wanted in columns):
        if len(columns) == 1:
            wanted = f"missing column(s) {', '.join(c for c in columns[0] if c not in header)}"
        else:
            groups = [
                f"a `{g[0]}` column" if len(g) == 1 else " and ".join(f"`{c}`" for c in g) + " columns" for g in columns
            ]
            wanted = "needs " + ", or ".join(groups)
        raise InputError(path, f"{wanted}; found {', '.join(header) or 'no header'}", line=1)
    reader.fieldnames = header
    start = reader.line_num + 1  # where the record being read begins: an open quote swallows what follows
    try:
        for row in reader:
            yield reader.line_num, {k: (v or "") for k, v in row.items() if k is not None}
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(path, csv_problem(error), line=start) from None


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; a line that is not a JSON object is an error."""
    for number, line in enumerate(text_lines(path), 1):
        if not line.strip():
            continue
        try:
            record = loads_strict(line)
        except json.JSONDecodeError as error:
            raise InputError(path, f"not valid JSON ({error.msg})", line=number) from None
        except JSONValueError as error:
            raise InputError(path, f"not valid JSON ({error})", line=number) from None
        if not isinstance(record, dict):
            raise InputError(path, "expected a JSON object", line=number)
        yield number, record


def csv_problem(error: Exception) -> str:
    """What is wrong with a CSV record (read with ``strict=True``), for an error naming the line it starts on."""
    if "unexpected end of data" in str(error):
        return "a quoted field opened on this line is never closed (unterminated quote)"
    return f"not a readable CSV ({error})"


def quarantine_path(output: str | os.PathLike[str]) -> Path:
    """Where the records rejected on the way to ``output`` go: ``out.jsonl`` -> ``out.quarantine.jsonl``."""
    output = Path(output)
    return output.with_name(f"{output.stem}.quarantine{output.suffix or '.jsonl'}")


@dataclass
class Ledger:
    """Counts of one run: read = written + already done + quarantined."""

    read: int = 0
    written: int = 0
    already_done: int = 0
    records: int = 0
    """Lines written: one input may make several (a report's questions)."""
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def quarantined(self) -> int:
        return sum(self.reasons.values())

    @property
    def balanced(self) -> bool:
        return self.read == self.written + self.already_done + self.quarantined

    def summary(self, what: str = "records") -> str:
        line = (
            f"{what}: read {self.read}, written {self.written}, already done {self.already_done}, "
            f"quarantined {self.quarantined}"
        )
        if self.reasons:
            line += " (" + "; ".join(f"{reason}: {n}" for reason, n in self.reasons.most_common()) + ")"
        if self.records != self.written:
            line += f"; {self.records} lines written"
        return line


def complete_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``read_jsonl`` of an artifact this code appends to; a torn last line (a crash mid-write) is cut."""
    if not path.exists():
        return iter(())
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        try:
            json.loads(data[keep:])
        except (json.JSONDecodeError, UnicodeDecodeError):
            with open(path, "r+b") as handle:
                handle.truncate(keep)
            print(f"{path}: removed an incomplete last line left by an interrupted run", file=sys.stderr)
        else:  # a complete record that only lacks its newline
            with open(path, "ab") as handle:
                handle.write(b"\n")
    return read_jsonl(path)


def check_artifact(path: str | os.PathLike[str], key: str, *fields: str) -> None:
    """Refuse to append to (and so perhaps cut the last line of) a file that is not a korad artifact
    keyed by ``key``, or that holds another command's records (without ``fields``: its ids would
    count as already done and nothing be written)."""
    path = Path(path)
    if not path.exists():
        return
    if not path.is_file():  # a folder, or a device or pipe (/dev/stdout): nothing to resume from or append to
        raise InputError(path, "exists and is not a file; choose another output (without --output: stdout)")
    if path.stat().st_size == 0:
        return
    with open(path, "rb") as handle:
        first = handle.readline()
    try:
        record = json.loads(first)
    except (json.JSONDecodeError, UnicodeDecodeError):
        record = None
    if not isinstance(record, dict) or key not in record:
        raise InputError(
            path,
            f"exists and is not a korad artifact (its first line is not a JSON record with {key!r}); "
            "choose another output file (korad appends to its own artifacts only)",
        )
    if missing := [name for name in fields if name not in record]:
        raise InputError(
            path,
            f"exists and holds other records (its first line has no {', '.join(map(repr, missing))}): "
            "another command's output; choose another output file",
        )


class ArtifactWriter:
    """Append records to a JSONL artifact, skipping keys already written, quarantining rejects.

    ``output=None`` writes to stdout (no resume); its rejects then go to ``quarantine`` if given,
    else to stderr, so no record disappears silently. A unit quarantined by an earlier run and
    written by this one leaves the quarantine file when the writer closes.
    """

    def __init__(
        self, output: str | os.PathLike[str] | None, key: str = "id", quarantine: str | os.PathLike[str] | None = None
    ) -> None:
        self.key = key
        self.ledger = Ledger()
        self.output = Path(output) if output is not None else None
        if quarantine is None and self.output is not None:
            quarantine = quarantine_path(self.output)
        self.quarantine_file = Path(quarantine) if quarantine is not None else None
        if self.output is not None:
            check_artifact(self.output, key)
        self.done = {record.get(key) for _, record in complete_records(self.output)} if self.output else set()
        self._quarantined = (
            {(r.get("where"), r.get("reason")) for _, r in complete_records(self.quarantine_file)}
            if self.quarantine_file
            else set()
        )
        self._resolved: set[Any] = set()
        self._out: TextIO | None = None
        self._bad: TextIO | None = None

    def __enter__(self) -> ArtifactWriter:
        if self.output is not None:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self._out = open(self.output, "a", encoding="utf-8")
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in (self._out, self._bad):
            if handle is not None:
                handle.close()
        self._drop_resolved()

    def _drop_resolved(self) -> None:
        """Remove the quarantine entries of units this run wrote (rewritten whole, then renamed)."""
        if not self._resolved or self.quarantine_file is None or not self.quarantine_file.exists():
            return
        kept = [r for _, r in read_jsonl(self.quarantine_file) if r.get("key") not in self._resolved]
        temporary = self.quarantine_file.with_name(self.quarantine_file.name + ".tmp")
        temporary.write_text("".join(dumps(r) + "\n" for r in kept), encoding="utf-8")
        temporary.replace(self.quarantine_file)

    def is_done(self, key: Any) -> bool:
        return key in self.done

    def write(self, *records: dict[str, Any]) -> None:
        """Write the records made from one input (one unit of the ledger) in a single write.

        Skipped as already done when the output holds the unit's key. All records of a unit share
        the ``key`` field (a report's questions all carry its ``id``).
        """
        self.ledger.read += 1
        unit = records[0][self.key]
        if unit in self.done:
            self.ledger.already_done += 1
            return
        text = "".join(dumps(record) + "\n" for record in records)
        if self._out is None:
            sys.stdout.write(text)
        else:
            self._out.write(text)
            self._out.flush()
        self.done.add(unit)
        self._resolved.add(unit)
        self.ledger.written += 1
        self.ledger.records += len(records)

    def skip_done(self) -> None:
        """Count a record that was recognised as already done before it was processed."""
        self.ledger.read += 1
        self.ledger.already_done += 1

    def reject(
        self,
        record: dict[str, Any],
        reason: str,
        where: str | None = None,
        detail: str | None = None,
        key: Any = None,
    ) -> None:
        """Quarantine ``record``: ``reason`` is a short category (counted whole), ``detail`` says more.

        ``key`` is the unit's key in the output, so that a later run that writes it resolves the entry.
        """
        self.ledger.read += 1
        self.ledger.reasons[reason] += 1
        if (where, reason) in self._quarantined:
            return
        entry = {"reason": reason, "detail": detail, "where": where, "key": key, "record": record}
        if self.quarantine_file is None:
            print(f"quarantined {where or ''}: {reason}" + (f" ({detail})" if detail else ""), file=sys.stderr)
            return
        if self._bad is None:
            self.quarantine_file.parent.mkdir(parents=True, exist_ok=True)
            self._bad = open(self.quarantine_file, "a", encoding="utf-8")  # noqa: SIM115 (closed in __exit__)
        self._bad.write(dumps(entry) + "\n")
        self._bad.flush()
        self._quarantined.add((where, reason))
