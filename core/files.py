"""Safe reading of bundle files: size caps, symlinks, encodings, CSV tables, front matter."""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from core.problems import Problem
from core.text import spreadsheet_cell, starts_like_formula

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 20_000
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_KEY_LINE = re.compile(r"([A-Za-z_]\w*)\s*:")
_FORMULA_EXPECTED = (
    "a cell that does not start with =, +, -, @, a tab or a carriage return: a spreadsheet "
    "would run it as a formula (reword the start, or drop the sign)"
)


@dataclass(frozen=True)
class Row:
    """One CSV record: the line it starts on and its cells by column name."""

    line: int
    cells: dict[str, str]


def read_text(
    root: Path, folder: Path, name: str, problems: list[Problem], optional: bool = False
) -> str | None:
    """Read one bundle file as text, or add a problem and return None.

    Refuses files that are missing, symlinked out of `root`, too large, binary or
    not UTF-8. A BOM or CRLF line ends are undone, with a warning so editors can fix them.
    """
    path = folder / name
    if optional and not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():
        problems.append(Problem(name, None, "file", "missing", f"a UTF-8 text file {name}"))
        return None
    if path.is_symlink() or not path.resolve().is_relative_to(root.resolve()):
        problems.append(Problem(name, None, "file", "symlink", "a regular file inside data/"))
        return None
    if _too_large(path.stat().st_size, name, problems):
        return None
    return decode(path.read_bytes(), name, problems)


def read_given(
    files: dict[str, bytes], name: str, problems: list[Problem], optional: bool = False
) -> str | None:
    """The text of one bundle file given as bytes (an upload, a draft in memory), checked as
    `read_text` checks a file on disk."""
    data = files.get(name)
    if data is None:
        if not optional:
            problems.append(Problem(name, None, "file", "missing", f"a UTF-8 text file {name}"))
        return None
    if _too_large(len(data), name, problems):
        return None
    return decode(data, name, problems)


def _too_large(size: int, name: str, problems: list[Problem]) -> bool:
    if size <= MAX_FILE_BYTES:
        return False
    expected = f"at most {MAX_FILE_BYTES // 1024 // 1024} MB (this file is {size / 1e6:.1f} MB)"
    problems.append(Problem(name, None, "file size", f"{size} bytes", expected))
    return True


def decode(data: bytes, name: str, problems: list[Problem]) -> str | None:
    """Decode UTF-8 text, reporting binary content and bad bytes with their line."""
    if b"\x00" in data:
        problems.append(Problem(name, None, "file", "binary data", "a UTF-8 text file"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.start + 4].hex(" ")
        expected = "UTF-8 text (save the file as UTF-8)"
        problems.append(Problem(name, line, "encoding", f"bytes {bad}", expected))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
        problems.append(Problem(name, 1, "encoding", "UTF-8 BOM", "UTF-8 without a BOM", "warning"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        problems.append(Problem(name, 1, "line ends", "CRLF", "LF line ends", "warning"))
    return text


def read_table(
    text: str,
    name: str,
    columns: tuple[str, ...],
    problems: list[Problem],
    optional: tuple[str, ...] = (),
) -> list[Row]:
    """Parse a CSV table whose header holds every one of `columns`, any of `optional` and
    nothing else, in any order; skip blank rows. Absent optional columns read as ''."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = [cell.strip() for cell in next(reader, [])]
        if not _header_ok(header, name, columns, optional, problems):
            return []
        return _rows(reader, name, header, optional, problems)
    except csv.Error as error:
        problems.append(Problem(name, reader.line_num, "CSV", str(error), "well-formed CSV"))
        return []


def _header_ok(header: list[str], name: str, columns, optional, problems) -> bool:
    """Report a missing, misspelled, extra, repeated or wrongly delimited header."""
    expected = "columns " + ",".join(columns)
    if optional:
        expected += " (and optionally " + ",".join(optional) + ")"
    if not any(header):
        problems.append(Problem(name, 1, "header", "", f"a header row with {expected}"))
        return False
    if len(header) == 1 and any(sep in header[0] for sep in ";\t"):
        hint = f"comma-separated {expected} (this header uses another delimiter)"
        problems.append(Problem(name, 1, "header", header[0], hint))
        return False
    known_before = len(problems)
    for column in columns:
        if column not in header:
            near = difflib.get_close_matches(column, header, n=1)
            value = near[0] if near else "(missing)"
            problems.append(Problem(name, 1, f"column {column}", value, expected))
    known = (*columns, *optional)
    for column in header:
        if column not in known and not difflib.get_close_matches(column, known, n=1):
            problems.append(Problem(name, 1, "column", column, f"only {expected}"))
    for column in {column for column in header if header.count(column) > 1}:
        problems.append(Problem(name, 1, "column", column, f"each column once: {expected}"))
    return len(problems) == known_before


def _rows(reader, name: str, header: list[str], optional, problems) -> list[Row]:
    """Cells by column name, as the header orders them."""
    rows, line = [], reader.line_num + 1
    absent = dict.fromkeys(column for column in optional if column not in header)
    for record in reader:
        if any(cell.strip() for cell in record):
            if len(record) != len(header):
                expected = f"{len(header)} cells ({','.join(header)})"
                problems.append(Problem(name, line, "row", f"{len(record)} cells", expected))
            else:
                cells = {c: v.strip() for c, v in zip(header, record, strict=True)}
                rows.append(Row(line, {**dict.fromkeys(absent, ""), **cells}))
                _warn_of_formulas(name, line, header, record, problems)
        line = reader.line_num + 1
    return rows


def _warn_of_formulas(name: str, line: int, header, record, problems: list[Problem]) -> None:
    """Every cell as the file holds it, before trimming: what a spreadsheet would open."""
    for column, cell in zip(header, record, strict=True):
        if starts_like_formula(cell):
            problems.append(Problem(name, line, column, cell, _FORMULA_EXPECTED, "warning"))


def spreadsheet_csv(data: bytes) -> bytes:
    """A bundle table for opening in a spreadsheet: every cell that would run as a formula
    gets OWASP's leading single quote; nothing else changes but the CSV quoting."""
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    try:
        for record in csv.reader(io.StringIO(text)):
            writer.writerow([spreadsheet_cell(cell) for cell in record])
    except csv.Error:
        return b""  # not a table (the validator refuses it too): nothing rather than unguarded
    return out.getvalue().encode("utf-8")


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter, the line of each key, the body and the line it starts on."""

    fields: dict
    key_lines: dict[str, int]
    body: str
    body_line: int


def split_front_matter(text: str, name: str, problems: list[Problem]) -> FrontMatter:
    """Split `---` YAML front matter from the body of a Markdown file."""
    if not text.startswith("---\n"):
        problems.append(Problem(name, 1, "front matter", text[:20], "a first line '---'"))
        return FrontMatter({}, {}, text, 1)
    end = text.find("\n---\n", 3)
    if end < 0:
        problems.append(Problem(name, 1, "front matter", "---", "a closing line '---'"))
        return FrontMatter({}, {}, "", 1)
    block = text[4:end]
    key_lines = {
        match.group(1): number + 2
        for number, line in enumerate(block.split("\n"))
        if (match := _KEY_LINE.match(line))
    }
    fields = _parse_yaml(block, name, problems)
    return FrontMatter(fields, key_lines, text[end + 5 :], block.count("\n") + 4)


class _NoAliasLoader(yaml.BaseLoader):
    """BaseLoader that refuses aliases (`*name`): a few nested aliases in a small file expand
    to gigabytes once anything walks the value, and front matter never needs them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            raise yaml.composer.ComposerError(
                None, None, f"an alias (*{event.anchor}); write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


def describe_value(value: object) -> str:
    """A value that should have been text, described by its shape, never by its repr (which
    would build the whole of a huge or deeply nested value first)."""
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    return f"a {type(value).__name__}"


def _parse_yaml(block: str, name: str, problems: list[Problem]) -> dict:
    if len(block) > MAX_FRONT_MATTER_CHARS:
        expected = f"at most {MAX_FRONT_MATTER_CHARS} characters of front matter"
        problems.append(Problem(name, 2, "front matter", f"{len(block)} chars", expected))
        return {}
    try:
        # BaseLoader reads every value as text: YAML 1.1 would turn `section: No` into False
        # and `published: 2022-09-01` into a date object.
        # Aliases are refused (_NoAliasLoader).
        fields = yaml.load(block, Loader=_NoAliasLoader)
    except (yaml.YAMLError, RecursionError) as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        reason = getattr(error, "problem", None) or type(error).__name__
        problems.append(Problem(name, line, "front matter", reason, "valid YAML key: value lines"))
        return {}
    if not isinstance(fields, dict):
        problems.append(
            Problem(name, 2, "front matter", describe_value(fields), "key: value lines")
        )
        return {}
    return fields


def split_paragraphs(body: str, first_line: int) -> list[tuple[int, str]]:
    """Blank-line separated blocks with the line each starts on.

    Lines are counted as the blocks go by (each separator's and block's own), never from the
    start of the body again: linear in the article's length.
    """
    paragraphs, line, offset = [], first_line, 0
    for separator in [*_BLANK_LINES.finditer(body), None]:
        end = separator.start() if separator else len(body)
        block = body[offset:end]
        if block.strip():
            leading = len(block) - len(block.lstrip("\n"))
            paragraphs.append((line + leading, block.strip()))
        line += block.count("\n")
        if separator:
            line += separator.group().count("\n")
            offset = separator.end()
    return paragraphs
