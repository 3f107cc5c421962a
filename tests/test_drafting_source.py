"""Reading a source: hostile files, uploads and addresses get one clear line, never a crash."""

import http.server
import threading

import pytest

from drafting.source import (
    MAX_SOURCE_BYTES,
    DraftError,
    fetch_url,
    is_public_address,
    read_source,
    source_from_bytes,
    source_from_text,
)

HOSTILE_BYTES = [
    (b"", "is empty"),
    (b"   \n\t\n", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (bytes(range(1, 32)) * 50, "binary"),
    ("Caf\xe9 au lait, written in Latin-1 and never saved as UTF-8.".encode("latin-1"),
     "not UTF-8"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), HOSTILE_BYTES)
def test_hostile_uploads_are_refused_with_one_line(data, message):
    with pytest.raises(DraftError, match=message) as caught:
        source_from_bytes(data, "upload.txt")
    assert "\n" not in str(caught.value)


def test_the_kind_is_decided_by_content_not_by_name():
    html = b"<!DOCTYPE html><html><body><p>Hello there, reader.</p></body></html>"
    assert source_from_bytes(html, "notes.txt").kind == "html"
    assert source_from_bytes(b"Plain words, a full sentence.", "page.html").kind == "text"


def test_a_bom_and_crlf_are_undone_and_utf16_with_a_bom_is_read():
    assert source_from_bytes(b"\xef\xbb\xbfOne line.\r\nTwo.", "a.txt").text == "One line.\nTwo."
    assert source_from_bytes("Zoë’s page.".encode("utf-16"), "a.txt").text == "Zoë’s page."


def test_an_html_page_in_its_declared_charset_is_read():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café</p></body></html>'
    assert "Café" in source_from_bytes(page.encode("cp1252"), "a.html").text


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.html"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(DraftError, match="50.0 MB"):
        read_source(str(big))
    with pytest.raises(DraftError, match="MB"):
        source_from_bytes(b"a" * (MAX_SOURCE_BYTES + 1), "big.txt")


@pytest.mark.parametrize(
    ("location", "message"),
    [("", "No source"), ("/no/such/file.txt", "No such file"),
     ("file:///etc/passwd", "Only http and https"), ("ftp://example.org/a", "Only http and https"),
     ("http://user:secret@example.org/", "user name or password"),
     ("http://127.0.0.1:1/", "not a public internet address"),
     ("http://localhost/", "not a public internet address"),
     ("http://[::1]/", "not a public internet address"),
     ("http://169.254.169.254/latest/meta-data/", "not a public internet address"),
     ("http://10.0.0.1/", "not a public internet address"),
     ("http://0.0.0.0/", "not a public internet address")],
)  # fmt: skip
def test_bad_locations_are_refused(location, message):
    with pytest.raises(DraftError, match=message):
        read_source(location)


def test_addresses_can_be_switched_off():
    with pytest.raises(DraftError, match="switched off"):
        read_source("https://example.org/", allow_network=False)


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("2606:4700:4700::1111", True), ("127.0.0.1", False), ("10.1.2.3", False),
     ("172.16.0.1", False), ("192.168.1.1", False), ("169.254.169.254", False), ("::1", False),
     ("fe80::1", False), ("fc00::1", False), ("100.64.0.1", False), ("224.0.0.1", False),
     ("0.0.0.0", False), ("::ffff:127.0.0.1", False), ("::ffff:8.8.8.8", False),
     ("2002:7f00:1::", False)],
)  # fmt: skip
def test_only_public_unicast_addresses_are_public(address, public):
    assert is_public_address(address) is public


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):
        status, headers, body = self.routes.get(self.path, (404, {}, b""))
        if status == "hang":
            threading.Event().wait(3)
            return
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_local_server_is_refused_by_default(local_server):
    _Handler.routes = {"/": (200, {"Content-Type": "text/html"}, b"<p>secret</p>")}
    with pytest.raises(DraftError, match="127.0.0.1.*not a public internet address"):
        read_source(local_server + "/")


def _anywhere(address: str) -> bool:
    return True


def test_redirects_are_followed_and_checked_again(local_server):
    page = b"<html><body><p>A page that was moved.</p></body></html>"
    _Handler.routes = {
        "/old": (301, {"Location": "/new"}, b""),
        "/new": (200, {"Content-Type": "text/html; charset=utf-8"}, page),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/to-private": (302, {"Location": "http://10.0.0.1/"}, b""),
    }
    assert fetch_url(local_server + "/old", address_ok=_anywhere) == page
    with pytest.raises(DraftError, match="Only http and https"):
        fetch_url(local_server + "/to-file", address_ok=_anywhere)
    only_loopback = lambda address: address.startswith("127.")  # noqa: E731
    with pytest.raises(DraftError, match="10.0.0.1"):
        fetch_url(local_server + "/to-private", address_ok=only_loopback)


def test_a_slow_address_times_out_and_a_big_or_odd_answer_is_refused(local_server):
    _Handler.routes = {
        "/slow": ("hang", {}, b""),
        "/big": (200, {"Content-Type": "text/html"}, b"x" * 5000),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG"),
        "/gone": (404, {}, b""),
    }
    with pytest.raises(DraftError, match="timed out"):
        fetch_url(local_server + "/slow", timeout=0.5, address_ok=_anywhere)
    with pytest.raises(DraftError, match="too big|MB"):
        fetch_url(local_server + "/big", max_bytes=1000, address_ok=_anywhere)
    with pytest.raises(DraftError, match="image/png"):
        fetch_url(local_server + "/image", address_ok=_anywhere)
    with pytest.raises(DraftError, match="HTTP 404"):
        fetch_url(local_server + "/gone", address_ok=_anywhere)


def test_pasted_text_is_read_as_text_or_html():
    assert source_from_text("A sentence.").kind == "text"
    with pytest.raises(DraftError, match="empty"):
        source_from_text("  \n ")
