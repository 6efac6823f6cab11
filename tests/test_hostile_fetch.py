"""Hostile servers (issue 14): headers trickled a byte at a time, errors after a redirect, and
credentials in URLs. The loopback server of test_fetch.py (127.0.0.1 only) serves the pages."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED
from test_fetch import _no_proxies, _serve  # noqa: F401 - _no_proxies: an autouse fixture
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.errors import InputError
from readout_diff.inputs.fetch import fetch
from readout_diff.inputs.read import load_readout


@pytest.fixture(scope="module")
def http() -> Iterator[str]:
    yield from _serve(tls=False)


@pytest.mark.web  # reads a page: the web extra
def test_a_server_trickling_its_headers_cannot_hold_the_run(http: str) -> None:
    # the error names the timeout: the run was stopped by it, not by the server's pace
    with pytest.raises(InputError, match=r"/trickle-headers: no answer within 0.5 s$"):
        fetch(f"{http}/trickle-headers", 100_000, timeout=0.5)


def _closed_port() -> int:
    with socket.socket() as s:  # a port that was free a moment ago, now closed
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.web  # reads a page: the web extra
def test_errors_after_a_redirect_name_the_url_and_host_that_failed(http: str) -> None:
    with pytest.raises(InputError) as e:
        fetch(f"{http}/moved-missing", 1_000)
    assert e.value.message == (
        f"{http}/moved-missing (redirected to {http}/missing): HTTP 404 Not Found"
    )
    port = _closed_port()
    with pytest.raises(InputError) as e:
        fetch(f"{http}/moved-to-port-{port}", 1_000)
    assert e.value.message.startswith(
        f"{http}/moved-to-port-{port} (redirected to http://localhost:{port}/x): "
    )
    assert e.value.message.endswith("connection refused by localhost"), e.value.message


@pytest.mark.web  # reads a page: the web extra
def test_credentials_in_a_url_are_never_shown_nor_stored(http: str, tmp_path: Path) -> None:
    secret = http.replace("://", "://user:s3cret@")
    r = load_readout(f"{secret}/moved", rid="a")
    assert (r.source, r.url) == (f"{http.replace('://', '://user:***@')}/moved", r.url)
    assert "s3cret" not in f"{r.source} {r.url}"
    with pytest.raises(InputError) as e:
        fetch(f"{secret}/missing", 1_000)
    assert e.value.message == f"{http.replace('://', '://user:***@')}/missing: HTTP 404 Not Found"
    token = http.replace("://", "://t0ken@")
    with pytest.raises(InputError, match=r"://\*\*\*@127.0.0.1:\d+/missing: HTTP 404"):
        fetch(f"{token}/missing", 1_000)
    result = CliRunner().invoke(
        app, ["compare", f"{secret}/page", str(SEED / "russia-mfa.txt"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.stdout + result.stderr
    assert json.loads(result.stdout)["readouts"][0]["source"].startswith("http://user:***@")
