"""Every hostile input the review found costs in proportion to its size, or is refused in one
line. The costly ones run here in a worker with a CPU limit far above what they now need (a
second at most) and far below what they cost before (minutes): without the fix, the limit
ends them and the test fails."""

from __future__ import annotations

import http.server
import socket
import threading
import time

import pytest

from core import jobs
from core.archive import bundle_zip, check_bundle_zip
from core.files import split_paragraphs
from core.markup.escaping import markdown_label
from core.mentions import build_alias_index, find_mentions
from core.text import spreadsheet_cell, starts_like_formula
from core.vocabulary import is_valid_slug
from drafting.dates import find_dates
from drafting.source import DraftError, fetch_url, is_public_address, read_source, source_from_bytes
from tests.helpers import FIXTURES

MINI = {path.name: path.read_bytes() for path in sorted((FIXTURES / "mini").iterdir())}
CPU_S = 20


@pytest.fixture(scope="module")
def worker():
    running = jobs.Pool(1, jobs.Limits(cpu_s=CPU_S, memory_mb=1536, wall_s=300))
    yield running
    running.close()


# --- the jobs the worker runs ------------------------------------------------------------------


def alias_bomb_zip() -> bytes:
    """Front matter whose aliases expand to billions of items (1.5 GB before the fix)."""
    lines = ["---", "title: Alpha", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 10) + "]"
              for n in range(9)]  # fmt: skip
    article = "\n".join([*lines, "---", "", "Alpha met Beta in Gamma.", ""])
    return bundle_zip({**MINI, "article.md": article.encode()}, "bomb")


def check_alias_bomb(progress):
    _, bundle, problems = check_bundle_zip(alias_bomb_zip())
    return bundle, [(p.line, p.field, p.value) for p in problems if p.file == "article.md"]


def number_long_article(progress):
    body = "A paragraph of an article.\n\n" * 100_000  # 2.7 MB: seconds before the fix
    return split_paragraphs(body, 5)[-1]


def find_dates_in_lead_words(progress):
    return find_dates("the " * 40_000 + "in July 2020"), find_dates("in " * 40_000)


def nested_aliases(progress):
    aliases = [("a" + " b" * n, f"k{n}") for n in range(1, 1101)]
    return find_mentions("x a b b b c", build_alias_index(aliases))


def draft_long_paragraph(progress):
    from drafting.draft import draft_from_parts

    # One 60,000-character paragraph of a thousand meetings, each on a day of its own (the
    # same meeting told again would be one event).
    units = (
        f"Helena Voss met Anders Berg in Tromsø on {1 + n % 28} May {1900 + n // 28}, and "
        for n in range(1000)
    )
    paragraph = "".join(units)
    draft = draft_from_parts({"title": "T"}, [paragraph], [], source_text=paragraph)
    return len(draft.actors), len(draft.events)


def read_many_attributes(progress):
    attributes = " ".join(f"a{n}=x" for n in range(300_000))
    page = f"<html><body><div {attributes}>x</div><p>Text.</p></body></html>".encode()
    try:
        source_from_bytes(page, "page.html")
    except DraftError as error:
        return str(error)
    return "read"


# --- the tests -------------------------------------------------------------------------------


def test_front_matter_aliases_are_refused_without_being_expanded(worker):
    bundle, problems = worker.run(check_alias_bomb)
    assert bundle is None
    assert (4, "front matter", "an alias (*a); write the value out") in problems


def test_a_wrong_front_matter_value_is_described_by_its_shape():
    problems = []
    from core.checks import front_matter

    front_matter({"title": "T", "dek": [["x"] * 3] * 1000}, {"dek": 3}, problems)
    assert [p.value for p in problems] == ["a list of 1000 items"]


def test_numbering_paragraphs_grows_with_the_article(worker):
    assert worker.run(number_long_article) == (5 + 2 * 99_999, "A paragraph of an article.")


@pytest.mark.parametrize(
    ("body", "expected"),
    [("", []), ("a", [(1, "a")]), ("\n\na\n\n\nb\n \nc", [(3, "a"), (6, "b"), (8, "c")]),
     ("a\nb\n\t\n\nc", [(1, "a\nb"), (5, "c")])],
)  # fmt: skip
def test_paragraphs_are_numbered_by_the_line_they_start_on(body, expected):
    assert split_paragraphs(body, 1) == expected


def test_the_date_finder_never_backtracks_through_a_run_of_lead_words(worker):
    dated, undated = worker.run(find_dates_in_lead_words)
    assert [m.phrase for m in dated] == ["in July 2020"] and undated == []


def test_a_date_across_a_piece_of_a_long_text_keeps_its_place():
    text = "word " * 1000 + "In April 2021 the talks began."
    (mention,) = find_dates(text)
    assert text[mention.begin : mention.end] == "In April 2021"


def test_a_thousand_nested_aliases_match_without_overflowing_the_stack(worker):
    spans = worker.run(nested_aliases)
    assert [(s.start, s.end, s.key) for s in spans] == [(2, 9, "k3")]


def test_a_long_paragraph_drafts_in_time_that_grows_with_its_length(worker):
    actors, events = worker.run(draft_long_paragraph)
    assert actors >= 2 and events >= 900


def test_a_paragraph_over_the_models_limit_gets_a_message():
    from drafting.model import load_model
    from drafting.parsing import parse

    nlp = load_model()
    with pytest.raises(DraftError, match="more than the language model reads at once"):
        parse(nlp, ["x" * (nlp.max_length + 1)])


def test_a_tag_with_very_many_attributes_is_refused_before_parsing(worker):
    assert "has a tag with more than 1,000 attributes" in worker.run(read_many_attributes)
    ordinary = b'<html><body><div class="a" id="b" data-x=\'>\'>x</div><p>Text here.</p>'
    assert source_from_bytes(ordinary, "page.html").kind == "html"


# --- fetching: a deadline for the whole fetch ------------------------------------------------


class _Drip(http.server.BaseHTTPRequestHandler):
    """Answers a byte at a time, every 0.2 s, for as long as it is read: in its headers
    (/headers) or in its body (/body)."""

    def do_GET(self):
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        if self.path == "/headers":
            self._drip(b"X-Slow: " + b"a" * 10_000)
        self.wfile.write(b"Content-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
        self._drip(b"x" * 100_000)

    def _drip(self, data: bytes) -> None:
        for byte in data:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.2)

    def log_message(self, *args):
        pass


class _Typed(http.server.BaseHTTPRequestHandler):
    """An image whose body never ends: judged by its type, never read."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        for _ in range(100_000):
            try:
                self.wfile.write(b"\x89PNG" * 1000)
            except OSError:
                return
            time.sleep(0.01)

    def log_message(self, *args):
        pass


def _serve(handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def drip():
    server = _serve(_Drip)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _loopback(address: str) -> bool:
    return address == "127.0.0.1"


@pytest.mark.parametrize("path", ["/headers", "/body"])
def test_a_server_that_drips_is_cut_off_at_the_deadline(drip, path):
    with pytest.raises(DraftError) as caught:
        fetch_url(f"{drip}{path}", timeout=1.5, address_ok=_loopback)
    assert str(caught.value) == f"{drip}{path} timed out."


def test_the_type_is_judged_before_the_body_is_read():
    server = _serve(_Typed)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with pytest.raises(DraftError, match="is image/png, not a web page or text"):
            fetch_url(url, timeout=60, address_ok=_loopback)
    finally:
        server.shutdown()


# --- the smaller findings --------------------------------------------------------------------


@pytest.mark.parametrize("address", ["http://[::1/", "http://[::1]:99999/", "https://[/"])
def test_a_malformed_address_is_one_line_not_a_traceback(address):
    with pytest.raises(DraftError, match="is not a valid address"):
        read_source(address, timeout=5)


@pytest.mark.parametrize(
    "address",
    ["192.0.0.8", "192.0.0.170", "192.88.99.1", "::ffff:0:7f00:1", "::ffff:0:a00:1",
     "3fff::1", "5f00::1", "2001:db8::1"],
)  # fmt: skip
def test_ranges_python_calls_global_are_not_public(address):
    assert not is_public_address(address)


def test_a_refused_address_never_says_what_the_name_resolves_to(monkeypatch):
    def internal(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", internal)
    with pytest.raises(DraftError) as caught:
        read_source("http://wiki.internal/", timeout=5)
    assert str(caught.value) == "Refused: wiki.internal is not a public internet address."


@pytest.mark.parametrize("cell", ["＝1+2", "\u200b=1+2", "\ufeff+1", " ＠SUM(A1)", "﹦1"])
def test_the_csv_guard_sees_full_width_and_invisible_starts(cell):
    assert starts_like_formula(cell) and spreadsheet_cell(cell) == "'" + cell


@pytest.mark.parametrize("text", ["a\r# heading", "a\u2028# heading", "a\x0b# b", "a\n# b"])
def test_no_line_break_reaches_a_label(text):
    label = markdown_label(text)
    assert not any(c in label for c in "\r\n\u2028\x0b") and "\\#" in label


@pytest.mark.parametrize("slug", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_windows_device_names_are_not_bundle_names(slug):
    assert not is_valid_slug(slug) and is_valid_slug(f"{slug}-talks")


def test_publishing_errors_name_no_server_path(tmp_path):
    from core.publish import PublishError, write_bundle

    write_bundle(MINI, tmp_path, "mini")
    with pytest.raises(PublishError) as caught:
        write_bundle(MINI, tmp_path, "mini")
    assert str(caught.value).startswith("An article named mini already exists")
    assert str(tmp_path) not in str(caught.value)
    (tmp_path / "file").write_text("x")
    with pytest.raises(PublishError) as caught:
        write_bundle(MINI, tmp_path / "file", "mini")
    assert str(caught.value).startswith("Cannot write into the articles folder")
    assert str(tmp_path) not in str(caught.value)
