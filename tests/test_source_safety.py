"""Uploads that lie about their type, and addresses that try to reach the machine's own
network: each refused in one line, or read for what it really is."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from core.archive import ArchiveError, bundle_zip, read_bundle_zip
from drafting import source
from drafting.source import (
    MAX_UPLOAD_BYTES,
    DraftError,
    fetch_url,
    is_public_address,
    read_source,
    source_from_bytes,
)
from tests.helpers import FIXTURES

MINI = {path.name: path.read_bytes() for path in sorted((FIXTURES / "mini").iterdir())}
PAGE = b"<!DOCTYPE html><html><body><article><p>Helena Voss spoke in Port Alder.</p></article></body></html>"  # noqa: E501


def _one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message and len(message) < 300
    return message


# --- files renamed to lie about their type -----------------------------------------------------

LIARS = [
    ("page.html", bundle_zip(MINI, "mini"), "page.html is a zip archive"),
    ("notes.htm", b"PK\x05\x06" + bytes(18), "notes.htm is a zip archive"),
    ("article.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    ("article.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(300), "binary"),
    ("article.md", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(300), "binary"),
    ("article.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02", "binary"),
    ("page.html", "Not a page: Latin-1 café".encode("latin-1"), "not UTF-8"),
]


@pytest.mark.parametrize(("name", "data", "message"), LIARS)
def test_a_file_named_as_text_that_is_not_is_refused_by_its_content(name, data, message):
    with pytest.raises(DraftError) as caught:
        source_from_bytes(data, name, max_bytes=MAX_UPLOAD_BYTES)
    assert message in _one_line(caught)


def test_a_zip_that_is_a_web_page_is_read_as_a_page_and_refused_as_a_bundle():
    assert source_from_bytes(PAGE, "bundle.zip").kind == "html"
    with pytest.raises(ArchiveError) as caught:
        read_bundle_zip(PAGE)
    assert "not a zip archive (it is a web page)" in _one_line(caught)


def test_a_page_named_as_text_is_read_as_html_and_text_named_as_a_page_as_text():
    assert source_from_bytes(PAGE, "notes.txt").kind == "html"
    assert source_from_bytes(b"Helena Voss spoke.\n\nThen left.", "page.html").kind == "text"


def test_an_upload_over_5_mb_is_refused_before_anything_is_read():
    with pytest.raises(DraftError) as caught:
        source_from_bytes(b"a" * (MAX_UPLOAD_BYTES + 1), "page.html", max_bytes=MAX_UPLOAD_BYTES)
    assert _one_line(caught) == "page.html is 5.0 MB; a source can be 5 MB at most."
    assert source_from_bytes(b"a " * (MAX_UPLOAD_BYTES // 2), "ok.txt", MAX_UPLOAD_BYTES)


# --- addresses that reach the machine's own network --------------------------------------------

REFUSED = [
    "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[::]/", "http://[fe80::1]/",
    "http://[fec0::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
    "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::ffff:10.0.0.1]/",
    "http://[::ffff:169.254.169.254]/", "http://[::127.0.0.1]/", "http://[64:ff9b::7f00:1]/",
    "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/",
    "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://0x7f000001/",
    "http://127.1/", "http://017700000001/", "http://0/", "http://LOCALHOST/",
    "http://169.254.169.254/latest/meta-data/", "http://192.168.1.1:8080/", "http://100.64.0.1/",
    "https://[::1]:8501/", "http://224.0.0.1/",
]  # fmt: skip


@pytest.mark.parametrize("url", REFUSED)
def test_private_loopback_and_link_local_addresses_are_refused_however_spelled(url):
    with pytest.raises(DraftError) as caught:
        read_source(url, timeout=5)
    assert "not a public internet address" in _one_line(caught)


def test_a_link_local_address_with_a_zone_is_refused():
    with pytest.raises(DraftError) as caught:
        read_source("http://[fe80::1%25lo]/", timeout=5)
    _one_line(caught)


@pytest.mark.parametrize(
    ("address", "public"),
    [("::127.0.0.1", False), ("64:ff9b::a00:1", False), ("64:ff9b::808:808", True),
     ("64:ff9b:1::808:808", False), ("fec0::1", False), ("::ffff:8.8.8.8", False),
     ("fe80::1%lo", False), ("2606:4700:4700::1111", True), ("1.1.1.1", True)],
)  # fmt: skip
def test_ipv4_inside_ipv6_is_judged_as_the_ipv4_address(address, public):
    assert is_public_address(address) is public


def _answer(host: str, port: int, addresses: list[str]) -> list[tuple]:
    family = {True: socket.AF_INET6, False: socket.AF_INET}
    return [(family[":" in a], socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]


@pytest.fixture
def resolver(monkeypatch) -> dict[str, list[str]]:
    """Names of a test's choosing resolve to addresses of its choosing; numbers as usual."""
    names: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in names:
            return _answer(host, port, names[host])
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return names


@pytest.mark.parametrize(
    "addresses",
    [["127.0.0.1"], ["::1"], ["10.20.30.40"], ["93.184.216.34", "192.168.0.10"],
     ["::ffff:127.0.0.1"]],
)  # fmt: skip
def test_a_name_that_resolves_to_a_private_address_is_refused(resolver, addresses, caplog):
    resolver["news.example"] = addresses
    with pytest.raises(DraftError) as caught:
        read_source("https://news.example/story", timeout=5)
    message = _one_line(caught)
    assert message == "Refused: news.example is not a public internet address."
    # What it resolves to would map the server's own network for a visitor: the log only.
    assert not any(address in message for address in addresses)
    assert all(a in caplog.text for a in addresses if not is_public_address(a))


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch):
    """A name that answers a public address when checked and a private one a moment later
    (DNS rebinding) is connected to at the checked address, and resolved once."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    asked, connected = [], []

    def rebinding(host, port, *args, **kwargs):
        asked.append(host)
        return _answer(host, port, next(answers))

    def no_network(parts, address, deadline, max_bytes):
        connected.append(address)
        raise DraftError("stopped before the network")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(source, "_get", no_network)
    with pytest.raises(DraftError, match="stopped before the network"):
        read_source("http://rebind.example/", timeout=5)
    assert connected == ["93.184.216.34"] and asked == ["rebind.example"]


class _Redirects(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", self.path.removeprefix("/to/"))
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def redirecting_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Redirects)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _this_server_or_public(address: str) -> bool:
    """The rule in force, but for the test's own server on 127.0.0.1."""
    return address == "127.0.0.1" or is_public_address(address)


@pytest.mark.parametrize(
    "location",
    ["http://intranet.example/admin", "http://10.0.0.7/", "http://[::ffff:10.0.0.7]/",
     "http://2130706434/", "http://0x7f.0.0.2/", "http://169.254.169.254/latest/meta-data/",
     "http://[::1]:8501/", "http://[fe80::1]/"],
)  # fmt: skip
def test_a_redirect_to_a_private_address_is_refused(resolver, redirecting_server, location):
    resolver["intranet.example"] = ["10.1.2.3"]
    with pytest.raises(DraftError) as caught:
        fetch_url(
            f"{redirecting_server}/to/{location}", timeout=5, address_ok=_this_server_or_public
        )
    assert "not a public internet address" in _one_line(caught)
