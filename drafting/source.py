"""Read a source into text: a file, an upload, pasted text or a public http(s) address.

Everything here treats its input as hostile: sizes are capped before reading, the kind (HTML or
text) is decided by the content, binary and undecodable data are refused, and a URL is fetched
only from public addresses (checked after resolving the host, and again after each redirect,
and the connection goes to the address that was checked), so a hosted demo cannot be used to
reach its own network.
"""

from __future__ import annotations

import codecs
import contextlib
import http.client
import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# Big enough for a news page with its inline scripts, small enough to refuse a 50 MB file early.
MAX_SOURCE_BYTES = 10 * 1024 * 1024
# What a person may upload in the app (its server's maxUploadSize says the same).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEOUT_S = 15.0
MAX_REDIRECTS = 5
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|h1|h2|span|a)\b[^>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WEB_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# A tag with very many attributes costs lxml, trafilatura and htmldate time that grows with
# the square of their number (300,000 on one tag: minutes); real pages have a few dozen.
MAX_ATTRIBUTES_PER_TAG = 1000
_TAG_START = re.compile(rb"<[A-Za-z][^\s/>]*")
# One attribute (name, name=value with any quoting) or a stray token inside a tag.
_ATTRIBUTE = re.compile(
    rb"""\s*(?:[^\s"'>=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?|"[^"]*"|'[^']*'|=)"""
)
_log = logging.getLogger(__name__)


class DraftError(Exception):
    """Drafting cannot go on; str() is one clear line for a person, naming what to do."""


@dataclass(frozen=True)
class Source:
    """A page to draft from: its name, 'html' or 'text', its text, and the bytes read."""

    name: str
    kind: str
    text: str
    raw: bytes | None = None


def read_source(
    location: str, *, allow_network: bool = True, timeout: float = DEFAULT_TIMEOUT_S
) -> Source:
    """Read a file path or an http(s) URL; raise DraftError with a one-line reason."""
    location = location.strip()
    if not location:
        raise DraftError("No source given: name a file or an http(s) address.")
    scheme = _split(location).scheme.lower()
    if scheme in ("http", "https"):
        if not allow_network:
            raise DraftError(f"Fetching web addresses is switched off here: {location}")
        return source_from_bytes(fetch_url(location, timeout=timeout), location)
    if re.match(r"^[a-z][a-z0-9+.-]*://", location, re.IGNORECASE):
        raise DraftError(f"Only http and https addresses can be read, not {scheme}: {location}")
    return source_from_bytes(_read_file(Path(location)), Path(location).name)


def _read_file(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise DraftError(f"No such file: {path}")
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise DraftError(f"{path.name} is {size / 2**20:.1f} MB; {_cap()} at most.")
        with path.open("rb") as handle:
            return handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as error:
        raise DraftError(f"Cannot read {path}: {error.strerror or error}") from None


def _cap() -> str:
    return f"a source can be {MAX_SOURCE_BYTES // 1024 // 1024} MB"


def source_from_bytes(data: bytes, name: str, max_bytes: int = MAX_SOURCE_BYTES) -> Source:
    """An uploaded or fetched file: HTML or text decided by its content, not its name.
    Uploads pass `max_bytes=MAX_UPLOAD_BYTES`."""
    if len(data) > max_bytes:
        raise DraftError(
            f"{name} is {len(data) / 2**20:.1f} MB; a source can be "
            f"{max_bytes // 1024 // 1024} MB at most."
        )
    if not data.strip():
        raise DraftError(f"{name} is empty: there is no text to draft from.")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise DraftError(
            f"{name} is a zip archive, not a web page or text (a bundle .zip is imported as a "
            "bundle, not drafted)."
        )
    if b"\x00" in data[:65536] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DraftError(f"{name} is a binary file, not a web page or text.")
    kind = "html" if _looks_like_html(data) else "text"
    if kind == "html":
        _check_markup(data, name)
    text = _decode(data, name, kind)
    if _CONTROL.search(text[:65536]) and len(_CONTROL.findall(text[:65536])) > 8:
        raise DraftError(f"{name} is a binary file, not a web page or text.")
    return Source(name, kind, text.replace("\r\n", "\n").replace("\r", "\n"), data)


def source_from_text(text: str, name: str = "pasted text") -> Source:
    """Text pasted by a person (a page copied from the browser, or plain paragraphs)."""
    if not isinstance(text, str) or not text.strip():
        raise DraftError("The pasted text is empty: paste the article's text first.")
    data = text.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_SOURCE_BYTES:
        raise DraftError(f"The pasted text is {len(data) / 2**20:.1f} MB; {_cap()} at most.")
    if "\x00" in text:
        raise DraftError("The pasted text holds binary data, not text.")
    kind = "html" if _looks_like_html(data) else "text"
    if kind == "html":
        _check_markup(data, name)
    clean = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Source(name, kind, clean, data if kind == "html" else None)


def _looks_like_html(data: bytes) -> bool:
    """A document start, or tags on many lines: a page's text copied from a browser can hold
    a few tags written out (a broken embed, a tracking pixel) among hundreds of plain lines."""
    head = data[:4096].lstrip(codecs.BOM_UTF8)
    if _HTML_START.match(head):
        return True
    lines = [line for line in data[:65536].splitlines() if line.strip()]
    tagged = sum(bool(_HTML_TAGS.search(line)) for line in lines)
    return len(_HTML_TAGS.findall(data[:65536])) >= 5 and tagged * 4 >= len(lines)


def _check_markup(data: bytes, name: str) -> None:
    """Refuse markup whose parsing would cost far more than its size: a tag with more
    attributes than any page needs. One pass over the bytes, each read once."""
    position = 0
    while tag := _TAG_START.search(data, position):
        count, position = 0, tag.end()
        while position < len(data) and data[position : position + 1] != b">":
            attribute = _ATTRIBUTE.match(data, position)
            if attribute is None or attribute.end() == position:
                break
            count, position = count + 1, attribute.end()
            if count > MAX_ATTRIBUTES_PER_TAG:
                raise DraftError(
                    f"{name} has a tag with more than {MAX_ATTRIBUTES_PER_TAG:,} attributes (a "
                    "web page has a few dozen): it is too complex to draft here."
                )


def _decode(data: bytes, name: str, kind: str) -> str:
    """UTF-8 (a BOM is dropped), UTF-16 with a BOM, or the charset an HTML page declares."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DraftError(f"{name} is not readable UTF-16 text.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if sum(byte < 9 or 13 < byte < 32 for byte in data[:4096]) > len(data[:4096]) // 20:
            raise DraftError(f"{name} is a binary file, not a web page or text.") from None
        declared = _META_CHARSET.search(data[:8192]) if kind == "html" else None
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        line = data.count(b"\n", 0, error.start) + 1
        raise DraftError(
            f"{name} is not UTF-8 text (bad bytes on line {line}): save it as UTF-8 and try again."
        ) from None


# --- fetching a public page -------------------------------------------------------------------


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    max_bytes: int = MAX_SOURCE_BYTES,
    address_ok=None,
) -> bytes:
    """GET a page from a public http(s) address, following redirects only to public ones.

    `address_ok` decides which resolved addresses may be reached (public ones by default;
    tests pass another rule to reach a local server they control).

    `timeout` is a deadline for the whole fetch, redirects included: a server that sends a
    byte at a time is cut off when it passes, whatever each read does.
    """
    allowed = address_ok or is_public_address
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        parts = _checked_url(url)
        address = _resolve(parts.hostname, parts.port or _default_port(parts.scheme), allowed)
        status, headers, body = _get(parts, address, deadline, max_bytes)
        if status in _REDIRECTS:
            location = headers.get("location")
            if not location:
                raise DraftError(f"{url} redirects nowhere (HTTP {status}).")
            url = _joined(url, location)
            continue
        return body
    raise DraftError(f"{url} redirects more than {MAX_REDIRECTS} times.")


_REDIRECTS = (301, 302, 303, 307, 308)


def _split(url: str):
    """urlsplit, with a malformed address ('http://[::1/') as one line for a person."""
    try:
        parts = urlsplit(url)
        parts.hostname, parts.port  # noqa: B018 - these raise ValueError when malformed
    except ValueError:
        raise DraftError(f"{url[:200]} is not a valid address.") from None
    return parts


def _joined(url: str, location: str) -> str:
    try:
        return urljoin(url, location)
    except ValueError:
        raise DraftError(f"{url} redirects to an invalid address.") from None


def _checked_url(url: str):
    parts = _split(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise DraftError(f"Only http and https addresses can be read, not {url}")
    if not parts.hostname:
        raise DraftError(f"{url} names no host.")
    if parts.username or parts.password:
        raise DraftError(f"{url} holds a user name or password: give the page's plain address.")
    return parts


def _default_port(scheme: str) -> int:
    return 443 if scheme.lower() == "https" else 80


def is_public_address(address: str) -> bool:
    """True only for globally routable unicast addresses (never private, loopback, link-local,
    site-local, multicast or reserved), an IPv4 address inside IPv6 judged as that address."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if any(ip in network for network in _DENIED if network.version == ip.version):
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped or ip.sixtofour or ip.teredo or ip.is_site_local:
            return False
        if ip in _IPV4_COMPATIBLE or ip in _NAT64_LOCAL:
            return False
        if ip in _NAT64:  # a NAT64 gateway would connect to the IPv4 address inside
            return is_public_address(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    return ip.is_global and not ip.is_multicast


# IPv6 ranges that carry an IPv4 address: deprecated "IPv4-compatible" addresses (::a.b.c.d),
# NAT64's well-known prefix (RFC 6052) and its local-use prefix (RFC 8215).
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
# Never public, whatever the running Python's ipaddress says (3.11 calls some of these
# global): IETF protocol assignments, 6to4 relays, benchmarking and documentation ranges,
# IPv4-translated addresses (::ffff:0:a.b.c.d), SRv6 and the new documentation prefix.
_DENIED = tuple(
    ipaddress.ip_network(network)
    for network in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
        "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/127", "::ffff:0:0/96", "::ffff:0:0:0/96", "100::/64", "2001::/23", "2001:db8::/32",
        "2002::/16", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    )
)  # fmt: skip


def _resolve(host: str, port: int, allowed) -> str:
    """Resolve `host`; every address it has must be allowed. Returns the one to connect to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise DraftError(f"Cannot find the host {host}: {error}") from None
    addresses = sorted({info[4][0] for info in infos})
    refused = [address for address in addresses if not allowed(address)]
    if refused or not addresses:
        # The addresses go to the server's log only: shown to a visitor, they would map the
        # server's own network for them, name by name.
        _log.warning("Refused to fetch from %s: it resolves to %s", host, refused or "nothing")
        raise DraftError(f"Refused: {host} is not a public internet address.")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, not to whatever the name resolves to now."""

    def __init__(self, host, address, port, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, address, port, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _get(parts, address: str, deadline: float, max_bytes: int):
    """One GET; returns (status, headers, body), the body read only for a page of a web type
    (capped at `max_bytes`), none for a redirect. The connection is cut at `deadline`."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DraftError(f"{parts.geturl()} timed out.")
    cls = _PinnedHTTPSConnection if parts.scheme.lower() == "https" else _PinnedHTTPConnection
    port = parts.port or _default_port(parts.scheme)
    connection = cls(parts.hostname, address, port, remaining)
    watchdog = threading.Timer(remaining, _cut, args=(connection,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return _exchange(connection, parts, deadline, max_bytes)
    except DraftError:
        raise
    except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as error:
        if time.monotonic() >= deadline or isinstance(error, TimeoutError):
            raise DraftError(f"{parts.geturl()} timed out.") from None
        raise DraftError(f"Cannot fetch {parts.geturl()}: {_reason(error)}") from None
    finally:
        watchdog.cancel()
        connection.close()


def _cut(connection) -> None:
    """The deadline passed: shut the socket, so a read blocked on a dripping server ends."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the raw socket, also under TLS


def _reason(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:200]


def _exchange(connection, parts, deadline: float, max_bytes: int):
    """Send the request; judge the status and the content type before reading any body."""
    url = parts.geturl()
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {
        "User-Agent": "ReadingRoom-draft/1.0",
        "Accept-Encoding": "identity",
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
    }
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    status = response.status
    answer = {k.lower(): v for k, v in response.getheaders()}
    if status in _REDIRECTS:
        return status, answer, b""
    if status != 200:
        raise DraftError(f"{url} answered HTTP {status}, not a page.")
    kind = answer.get("content-type", "text/html").split(";")[0].strip().lower()
    if kind not in _WEB_TYPES:
        raise DraftError(f"{url} is {kind[:80]}, not a web page or text.")
    return status, answer, _read_capped(response, deadline, max_bytes, url)


def _read_capped(response, deadline: float, max_bytes: int, url: str) -> bytes:
    length = response.getheader("content-length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise DraftError(f"{url} is {int(length) / 2**20:.1f} MB; {_cap()} at most.")
    chunks, total = [], 0
    # read1: whatever has arrived (up to 64 KB), so the deadline is looked at between reads.
    while chunk := response.read1(65536):
        total += len(chunk)
        if total > max_bytes:
            raise DraftError(f"{url} is larger than {max_bytes // 1024 // 1024} MB; too big.")
        if time.monotonic() > deadline:
            raise DraftError(f"{url} timed out.")
        chunks.append(chunk)
    if time.monotonic() > deadline:  # the watchdog cut the connection: what came is partial
        raise DraftError(f"{url} timed out.")
    return b"".join(chunks)
