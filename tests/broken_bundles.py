"""Broken bundles a real editor could produce: each an edit to the fixture and what it breaks.

Each case is (name, edit, expected) where `edit(folder)` breaks a copy of the fixture bundle
and `expected` is the (file, line, field) the validator must name.
"""

from __future__ import annotations

import os


def swap(name, old, new):
    def edit(folder):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def huge_file(name, size=50 * 1024 * 1024):
    def edit(folder):
        with open(folder / name, "wb") as handle:
            handle.truncate(size)

    return edit


def symlink_out(name):
    """Replace a file by a symlink to a file outside the data folder."""

    def edit(folder):
        outside = folder.parent.parent / f"outside-{name}"
        outside.write_text("id,label,description,evidence\n", encoding="utf-8")
        (folder / name).unlink()
        os.symlink(outside, folder / name)

    return edit


ALIAS_BOMB = "\n".join(
    ["---", 'title: "x"', "a: &a [x, x, x, x, x, x, x, x, x]"]
    + [
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]"
        for n in range(8)
    ]
    + ["---", "Alpha met Beta in Gamma.", ""]
)
DEEP_NESTING = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nAlpha met Beta in Gamma.\n"


def remove_file(name):
    return lambda folder: (folder / name).unlink()


def write_bytes(name, data):
    return lambda folder: (folder / name).write_bytes(data)


# (case, edit to the fixture, (file, line, field) expected among the problems)
BROKEN = [
    ("missing file", remove_file("events.csv"), ("events.csv", None, "file")),
    ("empty file", write_bytes("groups.csv", b""), ("groups.csv", 1, "header")),
    (
        "misspelled column",
        swap("actors.csv", ",aliases,", ",alias,"),
        ("actors.csv", 1, "column aliases"),
    ),
    (
        "extra column",
        swap("groups.csv", "evidence\n", "evidence,notes\n"),
        ("groups.csv", 1, "column"),
    ),
    (
        "semicolons",
        write_bytes("groups.csv", b"id;label;description;evidence\n"),
        ("groups.csv", 1, "header"),
    ),
    (
        "non-UTF-8 bytes",
        write_bytes("teasers.csv", "id,caf\xe9".encode("latin-1")),
        ("teasers.csv", 1, "encoding"),
    ),
    (
        "binary file",
        write_bytes("actors.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("actors.csv", None, "file"),
    ),
    ("bad date", swap("events.csv", "2021-02,", "2021-02-30,"), ("events.csv", 2, "start")),
    (
        "end before start",
        swap("events.csv", "2021-03-01,2021-03-02", "2021-03-01,2020-01"),
        ("events.csv", 4, "end"),
    ),
    ("unknown actor", swap("events.csv", "alpha|beta", "alpha|zeta"), ("events.csv", 2, "actors")),
    (
        "unknown group",
        swap("actors.csv", "Leader,hawks", "Leader,doves"),
        ("actors.csv", 2, "group"),
    ),
    ("duplicate id", swap("actors.csv", "beta,Beta,", "alpha,Beta,"), ("actors.csv", 3, "id")),
    (
        "shared alias",
        swap("actors.csv", ",,,Gamma,", ",,,Gamma|Alpha,"),
        ("actors.csv", 5, "aliases"),
    ),
    (
        "evidence not in text",
        swap("groups.csv", "Alpha met Beta\n", "Alpha hit Beta\n"),
        ("groups.csv", 2, "evidence"),
    ),
    (
        "paragraph not in source",
        swap("article.md", "Alpha met Beta", "Alpha saw Beta"),
        ("article.md", 7, "paragraph"),
    ),
    ("bad kind", swap("actors.csv", ",person,", ",human,"), ("actors.csv", 2, "kind")),
    ("bad status", swap("events.csv", ",alleged,", ",rumoured,"), ("events.csv", 3, "status")),
    ("bad qualifier", swap("events.csv", ",about,", ",circa,"), ("events.csv", 4, "qualifier")),
    (
        "unknown teaser source",
        swap("events.csv", "teaser:gamma-news", "teaser:nope"),
        ("events.csv", 4, "source"),
    ),
    (
        "context without reference",
        swap("events.csv", ",article,\n", ",context,\n"),
        ("events.csv", 2, "reference"),
    ),
    (
        "invalid YAML",
        swap("article.md", 'section: "Menu"', "section: [unclosed"),
        ("article.md", 3, "front matter"),
    ),
    (
        "nested YAML",
        swap("article.md", 'section: "Menu"', "section: [[[[1]]]]"),
        ("article.md", 3, "section"),
    ),
    (
        "unknown front matter key",
        swap("article.md", 'section: "Menu"', 'sektion: "Menu"'),
        ("article.md", 3, "front matter key"),
    ),
    (
        "no front matter",
        swap(
            "article.md",
            "---\n",
            "",
        ),
        ("article.md", 1, "front matter"),
    ),
    (
        "bad published date",
        swap("article.md", '"2021-03"', '"March 2021"'),
        ("article.md", 5, "published"),
    ),
    ("short row", swap("groups.csv", ",Alpha met Beta\n", "\n"), ("groups.csv", 2, "row")),
    ("missing column", swap("events.csv", ",summary,", ","), ("events.csv", 1, "column summary")),
    (
        "duplicate event id",
        swap("events.csv", "council-says,", "meeting,"),
        ("events.csv", 3, "id"),
    ),
    (
        "YAML alias bomb",
        write_bytes("article.md", ALIAS_BOMB.encode()),
        ("article.md", 4, "front matter"),  # the first alias: refused, never expanded
    ),
    (
        "deeply nested YAML",
        write_bytes("article.md", DEEP_NESTING.encode()),
        ("article.md", 2, "title"),
    ),
    ("50 MB file", huge_file("source.txt"), ("source.txt", None, "file size")),
    ("symlink out of data", symlink_out("groups.csv"), ("groups.csv", None, "file")),
    ("empty row id", swap("actors.csv", "gamma,Gamma,", ",Gamma,"), ("actors.csv", 5, "id")),
]


WARNED = [
    (
        "BOM",
        lambda f: (f / "groups.csv").write_bytes(b"\xef\xbb\xbf" + (f / "groups.csv").read_bytes()),
        "encoding",
    ),
    (
        "CRLF",
        lambda f: (f / "actors.csv").write_bytes(
            (f / "actors.csv").read_bytes().replace(b"\n", b"\r\n")
        ),
        "line ends",
    ),
    ("alias not in text", swap("actors.csv", ",,,Gamma,", ",,,Gamma|Delta,"), "aliases"),
]
