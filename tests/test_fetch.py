"""URL input against a local HTTP(S) server on 127.0.0.1 serving pages written here: no test
touches the internet."""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT, SEED
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.errors import InputError
from readout_diff.inputs.fetch import MAX_REDIRECTS, fetch
from readout_diff.inputs.read import ReadOptions, load_readout
from readout_diff.workflows.save import save_meeting

pytestmark = pytest.mark.web  # fetching and reading pages: the web extra

TLS = ROOT / "tests" / "data" / "tls"
PAGE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Foreign Minister Holds Talks</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/contact">Contact us</a></nav>
<main><article>
<h1>Foreign Minister Holds Talks with Visiting Counterpart</h1>
<p>On 3 March, the Foreign Minister held talks in the capital with the visiting counterpart.
The two sides discussed the situation in Gaza and called for an immediate ceasefire.</p>
<p>Both ministers agreed to deepen cooperation on trade and investment, and to keep close
contact on the Ukraine crisis.</p>
<p>They also exchanged views on climate change and the reform of the United Nations.</p>
</article></main>
<footer>Copyright Ministry of Foreign Affairs. All rights reserved.</footer>
</body></html>
"""
PLAIN = b"The ministers discussed Gaza and trade.\n\nThey agreed to meet again in the autumn.\n"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout test), as it should

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        path = self.path
        if path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/plain":
            self._send(200, PLAIN, "text/plain")
        elif path == "/latin1":  # the charset is only in the header
            self._send(
                200, "Réunion à Genève: Iran.\n".encode("latin-1"), "text/plain; charset=latin-1"
            )
        elif path == "/moved":
            self._send(302, b"", "text/html", Location="/page")
        elif path == "/moved-missing":
            self._send(302, b"", "text/html", Location="/missing")
        elif path.startswith("/moved-to-port-"):  # to a port nothing listens on
            self._send(302, b"", "text/html", Location=f"http://localhost:{path[15:]}/x")
        elif path.startswith("/loop"):
            n = int(path[5:] or 0)
            self._send(302, b"", "text/html", Location=f"/loop{n + 1}")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 5000 + b"</p>", "text/html")
        elif path == "/big-chunked":  # no Content-Length: the cap must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(50):
                    self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its cap, as it should
        elif path == "/no-type":  # no Content-Type: the body decides
            self.send_response(200)
            self.send_header("Content-Length", str(len(PLAIN)))
            self.end_headers()
            self.wfile.write(PLAIN)
        elif path == "/odd-charset":  # a charset no codec knows is ignored, as browsers do
            self._send(200, PAGE, "text/html; charset=x-klingon")
        elif path == "/wrong-charset":  # UTF-8 served as windows-1251
            self._send(
                200, "Réunion à Genève: Iran.\n".encode(), "text/plain; charset=windows-1251"
            )
        elif path == "/ascii-default":  # UTF-8 text under a server's default charset
            self._send(200, "Réunion à Genève: Iran.\n".encode(), "text/plain; charset=us-ascii")
        elif path == "/html-as-text":  # a page served as plain text is text
            self._send(200, PAGE, "text/plain")
        elif path == "/trickle":  # a byte at a time: each read is quick, the whole is not
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/trickle-headers":  # the headers a byte at a time, for ever
            try:
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 400:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE, "text/html")
        else:
            self._send(404, b"<h1>Not found</h1>", "text/html")


def _serve(tls: bool) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    scheme = "http"
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS / "cert.pem", TLS / "key.pem")
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy set on the machine must not take loopback requests elsewhere."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "cert.pem"))


@pytest.fixture(scope="module")
def http() -> Iterator[str]:
    yield from _serve(tls=False)


@pytest.fixture(scope="module")
def https() -> Iterator[str]:
    yield from _serve(tls=True)


def test_fetch_html_and_text(http: str) -> None:
    page = fetch(f"{http}/page", 100_000)
    assert page.media_type == "text/html" and page.charset == "utf-8" and page.data == PAGE
    plain = fetch(f"{http}/plain", 100_000)
    assert plain.media_type == "text/plain" and plain.data == PLAIN


def test_redirects_are_followed_and_the_final_url_kept(http: str) -> None:
    assert fetch(f"{http}/moved", 100_000).url == f"{http}/page"
    r = load_readout(f"{http}/moved", rid="a")
    assert r.url == f"{http}/page" and r.source == f"{http}/moved"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/pdf", "not a web page or text (content type application/pdf)"),
        ("/big", "larger than 1,000 bytes (5,007 declared)"),
        ("/big-chunked", "larger than 1,000 bytes"),
        ("/loop", f"more than {MAX_REDIRECTS} redirects"),
    ],
)
def test_each_server_failure_has_its_message(http: str, path: str, message: str) -> None:
    with pytest.raises(InputError) as e:
        fetch(f"{http}{path}", 1_000)
    assert e.value.message == f"{http}{path}: {message}"


def test_timeout(http: str) -> None:
    with pytest.raises(InputError, match=r"/slow: no answer within 0.3 s$"):
        fetch(f"{http}/slow", 100_000, timeout=0.3)


def test_connection_refused() -> None:
    with socket.socket() as s:  # a port that was free a moment ago, now closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match="connection refused by 127.0.0.1$"):
        fetch(f"http://127.0.0.1:{port}/", 1_000)


def test_unknown_host() -> None:
    # .invalid never resolves (RFC 2606); the lookup fails at once without a network too.
    with pytest.raises(InputError, match=r"cannot resolve host 'readouts\.invalid'"):
        fetch("http://readouts.invalid/page", 1_000)


def test_untrusted_certificate(https: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    with pytest.raises(InputError, match="TLS certificate is not trusted"):
        fetch(f"{https}/page", 100_000)


def test_header_charset_decodes_a_text_page(http: str) -> None:
    r = load_readout(f"{http}/latin1", rid="a")
    assert r.text == "Réunion à Genève: Iran.\n" and r.encoding == "iso-8859-1"


def test_save_keeps_the_page_and_the_text_the_offsets_refer_to(http: str, tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    r = load_readout(f"{http}/page", rid="b")
    save_meeting(saved, [r], [])
    assert (saved / "b-page.html").read_bytes() == PAGE
    assert (saved / "b-page.html.txt").read_text(encoding="utf-8") == r.text
    again = load_readout(str(saved / "b-page.html"), rid="b")
    assert again.text == r.text


def test_a_saved_comparison_is_a_meeting_folder_that_gives_the_same_result(
    http: str, tmp_path: Path
) -> None:
    local = tmp_path / "kremlin.txt"
    local.write_bytes(PLAIN)
    saved = tmp_path / "saved"
    args = [str(local), f"{http}/page", f"{http}/latin1", "-f", "json"]
    first = CliRunner().invoke(app, ["compare", *args, "--save", str(saved)])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in saved.iterdir()) == [
        "a-kremlin.txt",
        "b-page.html",
        "b-page.html.txt",
        "c-latin1.txt",
        "meeting.yaml",
    ]
    again = CliRunner().invoke(app, ["compare", str(saved), "-f", "json"])
    assert again.exit_code == 0, again.output
    before, after = json.loads(first.stdout), json.loads(again.stdout)
    for key in ("participants", "topics", "alignment", "unmatched", "summary"):
        assert before[key] == after[key], key
    for r0, r1 in zip(before["readouts"], after["readouts"], strict=True):
        assert r1["source"] == str(saved / r1["source"].rsplit("/", 1)[-1])
        for key in ("label", "format", "encoding", "url", "claims"):
            assert r0[key] == r1[key], key


def test_a_page_without_a_content_type_is_sniffed(http: str) -> None:
    r = load_readout(f"{http}/no-type", rid="a")
    assert (r.format, r.text) == ("text", PLAIN.decode())


def test_a_charset_no_codec_knows_is_ignored(http: str) -> None:
    r = load_readout(f"{http}/odd-charset", rid="a")
    assert r.format == "html" and r.encoding == "utf-8" and "Gaza" in r.text


def test_the_users_encoding_overrides_the_servers(http: str) -> None:
    wrong = load_readout(f"{http}/wrong-charset", rid="a")
    assert wrong.encoding == "windows-1251" and "Genève" not in wrong.text
    right = load_readout(f"{http}/wrong-charset", rid="a", options=ReadOptions(encoding="utf-8"))
    assert right.encoding == "utf-8" and "Genève" in right.text


def test_a_trickling_server_cannot_hold_the_run(http: str) -> None:
    with pytest.raises(InputError, match=r"/trickle: not received in full within 0.5 s$"):
        fetch(f"{http}/trickle", 100_000, timeout=0.5)


def test_a_port_out_of_range_is_not_a_refused_connection() -> None:
    with pytest.raises(InputError, match=r"not a valid http\(s\) URL \(Port out of range"):
        fetch("http://127.0.0.1:99999/", 1_000)


def test_cli_compares_a_local_page_with_an_https_url(https: str, tmp_path: Path) -> None:
    local = tmp_path / "page-a.html"
    local.write_bytes(PAGE.replace(b"Gaza", b"Yemen"))
    result = CliRunner().invoke(
        app, ["compare", str(local), f"{https}/page", "-f", "json", "--save", str(tmp_path / "s")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    a, b = data["readouts"]
    assert (a["format"], b["format"]) == ("html", "html")
    assert b["source"] == f"{https}/page" and b["label"] == "127.0.0.1"
    topics = {t["id"]: t for t in data["topics"]}
    assert topics["gaza"]["missing_from"] == ["a"] and topics["yemen"]["missing_from"] == ["b"]
    assert not any("Contact us" in c["text"] or "Copyright" in c["text"] for c in b["claims"])
    assert (tmp_path / "s" / "b-page.html").is_file() and (
        tmp_path / "s" / "a-page-a.html"
    ).is_file()


def test_cli_url_failure_is_one_line(http: str, tmp_path: Path) -> None:
    local = tmp_path / "a.txt"
    local.write_bytes(PLAIN)
    result = CliRunner().invoke(app, ["compare", str(local), f"{http}/missing"])
    assert result.exit_code == 2
    assert result.stderr == f"readout-diff: error: {http}/missing: HTTP 404 Not Found\n"


def test_a_servers_charset_the_bytes_are_not_in_yields_to_the_bytes(http: str) -> None:
    r = load_readout(f"{http}/ascii-default", rid="a")
    assert r.text == "Réunion à Genève: Iran.\n" and r.encoding == "utf-8"


@pytest.mark.parametrize("url", ["http://xn--/", "http://a..b/", "http://[::1/"])
def test_host_names_idna_refuses_are_invalid_urls(url: str) -> None:
    with pytest.raises(InputError, match="not a valid http"):
        fetch(url, 1_000)


def test_save_refuses_a_folder_with_files_before_reading_anything(tmp_path: Path) -> None:
    (tmp_path / "meeting.yaml").write_text("title: mine\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["compare", str(SEED), "--save", str(tmp_path)])
    assert r.exit_code == 2
    assert r.stderr == (
        f"readout-diff: error: --save {tmp_path}: a folder with files in it; "
        "give a new or empty folder\n"
    )
    assert (tmp_path / "meeting.yaml").read_text(encoding="utf-8") == "title: mine\n"


def test_a_saved_meeting_keeps_its_title_date_and_a_guess_stays_a_guess(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    shutil.copytree(SEED, folder)
    (folder / "china-mfa.txt").write_bytes(
        (folder / "china-mfa.txt").read_text(encoding="utf-8").replace("—", "-").encode("cp1252")
        + "Caf\u00e9 talks in Gen\u00e8ve.\n".encode("cp1252")
    )
    saved = tmp_path / "saved"
    first = CliRunner().invoke(app, ["compare", str(folder), "-f", "json", "--save", str(saved)])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(app, ["compare", str(saved), "-f", "json"])
    before, after = json.loads(first.stdout), json.loads(again.stdout)
    assert after["meeting"]["title"] == before["meeting"]["title"]
    assert after["meeting"]["date"] == before["meeting"]["date"]
    assert [r["encoding_guessed"] for r in after["readouts"]] == [True, False]
    assert "guessed" in again.stderr


def test_a_page_served_as_plain_text_is_saved_and_read_again_as_text(
    http: str, tmp_path: Path
) -> None:
    saved = tmp_path / "s"
    r = CliRunner().invoke(
        app,
        ["compare", f"{http}/html-as-text", f"{http}/plain", "-f", "json", "--save", str(saved)],
    )
    again = CliRunner().invoke(app, ["compare", str(saved), "-f", "json"])
    assert r.exit_code == again.exit_code == 0, again.output
    first, second = json.loads(r.stdout), json.loads(again.stdout)
    assert first["readouts"][0]["format"] == second["readouts"][0]["format"] == "text"
    assert first["readouts"][0]["claims"] == second["readouts"][0]["claims"]
