"""Fetching a readout from an http(s) URL, with the limits a command-line tool owes its user.

httpx comes with the optional `web` extra and is imported only when a URL is given. Every failure
becomes an `InputError` naming the URL and what went wrong, in one line.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from readout_diff.core.frozen import frozen
from readout_diff.errors import InputError

if TYPE_CHECKING:  # imported when a URL is fetched: a run on files never loads socket
    import socket

TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
# What a readout can be: a web page or plain text. PDFs, images and JSON APIs are refused.
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
INSTALL_HINT = "pip install 'readout-diff[web]'"


@frozen
class Fetched:
    """What the server sent: the final URL after redirects, the body and its declared type."""

    url: str
    data: bytes
    media_type: str | None  # "text/html", lower case, no parameters; None when not sent
    charset: str | None  # from the Content-Type header, if any


def redact(url: str) -> str:
    """The URL as it may be shown or stored: a password in it becomes `***` (`user:***@host`),
    and so does a user name alone, often a token (`***@host`)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1" : not a URL any request could be made to
        return url
    if "@" not in parts.netloc:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    user, colon, _ = userinfo.partition(":")
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}" if colon else f"***@{host}"))


def _media_type(header: str) -> tuple[str, str | None]:
    """("text/html", "utf-8") from 'text/html; charset="UTF-8"'."""
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def _connect_error(url: str, host: str, e: Exception) -> InputError:
    """Name the usual causes plainly; the library's message is the fallback."""
    text = str(e)
    low = text.lower()
    if "name or service not known" in low or "name resolution" in low or "getaddrinfo" in low:
        return InputError(f"{url}: cannot resolve host {host!r} (DNS lookup failed)")
    if "refused" in low:
        return InputError(f"{url}: connection refused by {host}")
    if "certificate" in low:
        return InputError(f"{url}: the server's TLS certificate is not trusted")
    reason = text.splitlines()[0] if text else type(e).__name__
    return InputError(f"{url}: cannot connect ({reason})")


class _Watchdog:
    """Shuts the connection down when the whole request has taken `timeout`: httpx bounds each
    wait for data, not the request, so a server trickling its headers a byte a second would
    hold the run for minutes. It follows each connection a redirect opens."""

    def __init__(self, timeout: float) -> None:
        self.fired = self.answered = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(timeout, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx's `trace` extension: called at each step of each request, redirects included."""
        if event.endswith("receive_response_headers.complete"):
            self.answered = True
        elif event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            stream = info.get("return_value")
            with self._lock:
                self._socket = stream.get_extra_info("socket") if stream else None
                if self.fired:
                    self._shut()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shut()

    def _shut(self) -> None:
        import socket

        try:
            if self._socket is not None:
                self._socket.shutdown(socket.SHUT_RDWR)  # a blocked read returns at once
        except OSError:
            pass


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT_SECONDS) -> Fetched:
    """GET `url`, following at most MAX_REDIRECTS redirects and reading at most `max_bytes`.

    `timeout` bounds the whole request, counted from its start: connecting, each wait for data,
    and the headers and body however slowly they trickle (a watchdog shuts the connection down
    when it is up)."""
    with _Watchdog(timeout) as watchdog:
        try:
            fetched = _fetch(url, max_bytes, timeout, watchdog, [])
        except InputError:
            if not watchdog.fired:
                raise
        else:
            if not watchdog.fired:  # a body without a length ends where the watchdog cut it
                return fetched
    what = "not received in full" if watchdog.answered else "no answer"
    raise InputError(f"{redact(url)}: {what} within {timeout:g} s")


def _fetch(
    url: str, max_bytes: int, timeout: float, watchdog: _Watchdog, sent: list[Any]
) -> Fetched:
    """`fetch` without the watchdog; `sent` collects each request, redirects included, so that
    an error names the URL that failed."""
    deadline = time.monotonic() + timeout
    shown = redact(url)
    try:
        urlsplit(url).port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError as e:
        raise InputError(f"{shown}: not a valid http(s) URL ({e})") from None
    try:
        import httpx
    except ImportError:
        raise InputError(
            f"{shown}: reading URLs needs the optional extra: {INSTALL_HINT}"
        ) from None
    from importlib.metadata import version

    headers = {"User-Agent": f"readout-diff/{version('readout-diff')}", "Accept": "text/html,*/*"}
    hooks = {"request": [sent.append]}
    try:
        with httpx.Client(
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            timeout=timeout,
            headers=headers,
            event_hooks=hooks,
        ) as client:
            with client.stream("GET", url, extensions={"trace": watchdog.trace}) as response:
                return _read(_named(url, sent), response, max_bytes, deadline, timeout)
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError, ValueError):
        # UnicodeError: a host name that IDNA refuses ("xn--", "a..b")
        raise InputError(f"{_named(url, sent)}: not a valid http(s) URL") from None
    except httpx.TooManyRedirects:
        raise InputError(f"{shown}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise InputError(f"{_named(url, sent)}: no answer within {timeout:g} s") from None
    except httpx.ConnectError as e:
        host = sent[-1].url.host if sent else httpx.URL(url).host
        raise _connect_error(_named(url, sent), host, e) from None
    except httpx.HTTPError as e:  # protocol errors, connection dropped mid-body...
        reason = str(e).splitlines()[0] if str(e) else "no detail"
        raise InputError(f"{_named(url, sent)}: {type(e).__name__}: {reason}") from None


def _named(url: str, sent: list[Any]) -> str:
    """The URL an error names: the one asked for, and the one that failed after a redirect."""
    if len(sent) < 2:
        return redact(url)
    return f"{redact(url)} (redirected to {redact(str(sent[-1].url))})"


def _read(url: str, response: Any, max_bytes: int, deadline: float, timeout: float) -> Fetched:
    if response.status_code >= 400:
        raise InputError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
    header = response.headers.get("content-type")
    media_type, charset = _media_type(header) if header else (None, None)
    if media_type is not None and media_type not in ACCEPTED_TYPES:
        raise InputError(f"{url}: not a web page or text (content type {media_type})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(f"{url}: larger than {max_bytes:,} bytes ({int(declared):,} declared)")
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # stop reading as soon as the cap is passed
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: larger than {max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise InputError(f"{url}: not received in full within {timeout:g} s")
        chunks.append(chunk)
    return Fetched(redact(str(response.url)), b"".join(chunks), media_type, charset)
