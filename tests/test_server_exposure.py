"""Who may talk to the dashboard: Host names, the access token, read-only, framing headers.

The pure decision (``dashboard.server.decide`` and friends) is checked on tables of requests; then
the real server (``python -m dashboard.server``, as ``marsad serve`` starts it) is started on a free
127.0.0.1 port on the seed's tables and probed with raw HTTP, so every kind of route is covered:
the page, a static file, ``/_stcore/health``, the WebSocket handshake and the upload route.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dashboard import server
from dashboard.server import (
    LOOPBACK_NAMES,
    Policy,
    Request,
    address_without_token,
    allowed_host_names,
    decide,
    exposure_error,
    host_name,
    remember_page,
)
from scripts.browser import REPO, build_tables, serve_process

TOKEN = "Zm9vYmFyLXRva2VuLXRlc3Q-0123"
OTHER_TOKEN = "Zm9vYmFyLXRva2VuLXRlc3Q-9999"
EVIL = "evil.example"
TEAM = "dash.example"
HOST_REFUSED = (f"Marsad refused this request: the host '{EVIL}' is not an allowed name "
                "(marsad serve --allowed-host NAME adds one).")
TOKEN_REFUSED = ("Marsad needs an access token: open the address with ?token=... "
                 "as given by whoever runs the dashboard.")
READ_ONLY_REFUSED = "Marsad is read-only here: uploads are turned off."
NO_TOKEN_ERROR = (
    "error: --address 0.0.0.0 lets other machines reach the dashboard: give an access token with "
    "--token or the MARSAD_TOKEN environment variable "
    "(make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
)
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}
UPLOAD_PATH = "/_stcore/upload_file/some-session/some-file"
WEBSOCKET_HEADERS = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
}

LOCAL = Policy(LOOPBACK_NAMES)
WITH_TOKEN = Policy(LOOPBACK_NAMES, token=TOKEN)


# ---------------------------------------------------------------- the pure decision


@pytest.mark.parametrize(("header", "name"), [
    ("127.0.0.1:8501", "127.0.0.1"),
    ("LocalHost", "localhost"),
    ("[::1]:8501", "::1"),
    ("[::1]", "::1"),
    ("::1", "::1"),
    ("evil.example:8501", "evil.example"),
    ("127.0.0.1:http", None),
    ("[::1]evil.example", None),
    ("", None),
    (None, None),
])
def test_host_name_is_the_lower_case_name_without_the_port(header, name):
    assert host_name(header) == name


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8501", "localhost:1", "[::1]:8501", "LOCALHOST"])
def test_loopback_hosts_with_any_port_are_let_through(host):
    assert decide(LOCAL, Request(host)).allowed


@pytest.mark.parametrize("host", [
    EVIL, f"{EVIL}:8501", "127.0.0.1.evil.example", "127.0.0.1@evil.example", "127.0.0.1:80:evil.example",
    "localhost.", "0.0.0.0", "", None,
])
def test_other_hosts_are_refused_with_403(host):
    verdict = decide(LOCAL, Request(host))
    assert verdict.status == 403
    assert verdict.message.startswith("Marsad refused this request: the host ")


@pytest.mark.parametrize("path", ["/", "/static/js/index.js", "/_stcore/health", "/_stcore/stream", UPLOAD_PATH])
def test_the_host_is_checked_on_every_route_and_the_websocket(path):
    assert decide(LOCAL, Request(f"{EVIL}:8501", path=path)).message == \
        HOST_REFUSED.replace(f"'{EVIL}'", f"'{EVIL}:8501'")
    assert decide(LOCAL, Request(f"{EVIL}:8501", path=path, websocket=True)).status == 403


def test_allowed_hosts_are_loopback_the_bound_address_and_the_added_names():
    assert allowed_host_names("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert allowed_host_names("0.0.0.0", [TEAM, "Other.Example:8501"]) == \
        {"127.0.0.1", "localhost", "::1", TEAM, "other.example"}
    assert allowed_host_names("192.168.1.5") == {"127.0.0.1", "localhost", "::1", "192.168.1.5"}


@pytest.mark.parametrize(("request_", "status", "remember"), [
    (Request("127.0.0.1"), 401, False),
    (Request("127.0.0.1", path="/_stcore/stream", websocket=True), 401, False),
    (Request("127.0.0.1", query=f"token={OTHER_TOKEN}"), 401, False),
    (Request("127.0.0.1", query="token="), 401, False),
    (Request("127.0.0.1", cookie=f"marsad_token={OTHER_TOKEN}"), 401, False),
    (Request("127.0.0.1", authorization=f"Bearer {OTHER_TOKEN}"), 401, False),
    (Request("127.0.0.1", authorization=f"Basic {TOKEN}"), 401, False),
    (Request("127.0.0.1", query=f"token={TOKEN}"), None, True),
    (Request("127.0.0.1", query=f"actor=x&token={TOKEN}", path="/passages"), None, True),
    (Request("127.0.0.1", query=f"token={TOKEN}", method="POST"), None, False),
    (Request("127.0.0.1", cookie=f"_streamlit_xsrf=abc; marsad_token={TOKEN}"), None, False),
    (Request("127.0.0.1", cookie=f"marsad_token={TOKEN}", path="/_stcore/stream", websocket=True), None, False),
    (Request("127.0.0.1", authorization=f"bearer {TOKEN}"), None, False),
    (Request(EVIL, query=f"token={TOKEN}"), 403, False),
])
def test_with_a_token_only_requests_that_carry_it_pass(request_, status, remember):
    verdict = decide(WITH_TOKEN, request_)
    assert (verdict.status, verdict.remember) == (status, remember)
    if status == 401:
        assert verdict.message == TOKEN_REFUSED


def test_read_only_refuses_the_upload_route_whatever_comes_before_it():
    read_only = Policy(LOOPBACK_NAMES, read_only=True)
    for path in [UPLOAD_PATH, "/_stcore/upload_file", "/base/_stcore/upload_file/s/f"]:
        verdict = decide(read_only, Request("127.0.0.1", path=path, method="PUT"))
        assert (verdict.status, verdict.message) == (403, READ_ONLY_REFUSED)
    assert decide(read_only, Request("127.0.0.1", path="/_stcore/health")).allowed
    assert decide(LOCAL, Request("127.0.0.1", path=UPLOAD_PATH, method="PUT")).allowed


@pytest.mark.parametrize(("address", "token", "error"), [
    ("127.0.0.1", None, None),
    ("127.0.0.2", None, None),
    ("localhost", None, None),
    ("::1", None, None),
    ("0.0.0.0", TOKEN, None),
    ("0.0.0.0", None, NO_TOKEN_ERROR.removeprefix("error: ")),
    ("::", None, NO_TOKEN_ERROR.removeprefix("error: ").replace("0.0.0.0", "::")),
    ("192.168.1.5", None, NO_TOKEN_ERROR.removeprefix("error: ").replace("0.0.0.0", "192.168.1.5")),
    ("192.168.1.5", "short", ("the access token must be at least 16 characters of A-Z a-z 0-9 . _ ~ - "
                              "(make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(24))')")),
])
def test_a_non_loopback_address_needs_a_token(address, token, error):
    assert exposure_error(address, token) == error


@pytest.mark.parametrize(("path", "query", "target"), [
    ("/", f"token={TOKEN}", "/"),
    ("/passages", f"actor=%D9%83%D9%8A%D9%85&token={TOKEN}", "/passages?actor=%D9%83%D9%8A%D9%85"),
    ("//evil.example/", f"token={TOKEN}", "/evil.example/"),
])
def test_the_first_visit_reloads_the_same_site_address_without_the_token(path, query, target):
    assert address_without_token(path, query) == target


def test_the_remember_page_escapes_the_address():
    assert b'url=/a?x=%22%3E"' not in remember_page('/a?x=">')
    assert b'content="0; url=/a?x=&quot;&gt;"' in remember_page('/a?x=">')


# ---------------------------------------------------------------- the real server


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> Path:
    return build_tables([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], tmp_path_factory.mktemp("exposure") / "tables")


@pytest.fixture(scope="module")
def local_url(tables, tmp_path_factory):
    with serve_process(tables, tmp_path_factory.mktemp("logs") / "local.log") as (url, _):
        yield url


@pytest.fixture(scope="module")
def team_url(tables, tmp_path_factory):
    with serve_process(tables, tmp_path_factory.mktemp("logs") / "team.log",
                       allowed_hosts=(TEAM,), read_only=True) as (url, _):
        yield url


@pytest.fixture(scope="module")
def token_server(tables, tmp_path_factory):
    log = tmp_path_factory.mktemp("logs") / "token.log"
    with serve_process(tables, log, token=TOKEN) as (url, proc):
        yield url, proc, log


def fetch(url: str, path: str, host: str | None = None, method: str = "GET",
          headers: dict[str, str] | None = None, body: bytes | None = None):
    """(status, headers, body) of one raw request; ``host`` replaces the Host header."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host or parts.netloc)
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        data = b"" if response.status == 101 else response.read()
        return response.status, response.headers, data
    finally:
        conn.close()


def static_file(url: str) -> str:
    """The path of the page's main script (its hashed name changes with each Streamlit release)."""
    _, _, page = fetch(url, "/")
    return "/" + re.search(r'static/js/index\.[^"]+\.js', page.decode()).group(0)


def test_an_unknown_host_is_refused_on_every_route(local_url):
    for path in ["/", "/_stcore/health", static_file(local_url), "/_stcore/host-config"]:
        status, headers, body = fetch(local_url, path, host=EVIL)
        assert (status, body.decode()) == (403, HOST_REFUSED), path
        assert {k: headers[k] for k in SECURITY_HEADERS} == SECURITY_HEADERS
    status, _, body = fetch(local_url, UPLOAD_PATH, host=EVIL, method="PUT", body=b"x")
    assert (status, body.decode()) == (403, HOST_REFUSED)


def test_the_websocket_handshake_checks_the_host(local_url):
    assert fetch(local_url, "/_stcore/stream", host=EVIL, headers=WEBSOCKET_HEADERS)[0] == 403
    assert fetch(local_url, "/_stcore/stream", headers=WEBSOCKET_HEADERS)[0] == 101


@pytest.mark.parametrize("host", [None, "localhost", "127.0.0.1"])
def test_loopback_names_get_the_page_with_the_framing_headers(local_url, host):
    for path in ["/", "/_stcore/health", static_file(local_url)]:
        status, headers, _ = fetch(local_url, path, host=host and f"{host}:{urlsplit(local_url).port}")
        assert status == 200, path
        assert {k: headers[k] for k in SECURITY_HEADERS} == SECURITY_HEADERS


def test_without_read_only_the_upload_route_reaches_streamlit(local_url):
    status, _, body = fetch(local_url, UPLOAD_PATH, method="PUT", body=b"x")
    assert body.decode() != READ_ONLY_REFUSED
    assert status != 200  # Streamlit's own XSRF check still refuses a bare PUT


def test_an_added_host_name_is_let_through_and_others_still_refused(team_url):
    assert fetch(team_url, "/", host=f"{TEAM}:8501")[0] == 200
    assert fetch(team_url, "/_stcore/stream", host=TEAM, headers=WEBSOCKET_HEADERS)[0] == 101
    status, _, body = fetch(team_url, "/", host=EVIL)
    assert (status, body.decode()) == (403, HOST_REFUSED)


def test_read_only_refuses_the_upload_route(team_url):
    for method in ["PUT", "DELETE", "OPTIONS"]:
        status, _, body = fetch(team_url, UPLOAD_PATH, method=method, body=b"x")
        assert (status, body.decode()) == (403, READ_ONLY_REFUSED), method
    assert fetch(team_url, "/_stcore/health")[0] == 200


def test_with_a_token_nothing_passes_without_it(token_server):
    url, _, _ = token_server
    for path in ["/", "/_stcore/health", static_file_with_token(url)]:
        status, headers, body = fetch(url, path)
        assert (status, body.decode(), headers["WWW-Authenticate"]) == (401, TOKEN_REFUSED, "Bearer"), path
    assert fetch(url, "/_stcore/stream", headers=WEBSOCKET_HEADERS)[0] == 403
    assert fetch(url, f"/?token={OTHER_TOKEN}")[0] == 401
    assert fetch(url, "/", headers={"Cookie": f"marsad_token={OTHER_TOKEN}"})[0] == 401
    assert fetch(url, "/", headers={"Authorization": f"Bearer {OTHER_TOKEN}"})[0] == 401


def static_file_with_token(url: str) -> str:
    _, _, page = fetch(url, "/", headers={"Authorization": f"Bearer {TOKEN}"})
    return "/" + re.search(r'static/js/index\.[^"]+\.js', page.decode()).group(0)


def test_the_first_visit_with_the_token_sets_a_strict_cookie_that_later_requests_carry(token_server):
    url, _, _ = token_server
    status, headers, body = fetch(url, f"/?actor=x&token={TOKEN}")
    assert status == 200
    assert headers["Set-Cookie"] == f"marsad_token={TOKEN}; Path=/; HttpOnly; SameSite=Strict"
    assert b'<meta http-equiv="refresh" content="0; url=/?actor=x">' in body
    cookie = {"Cookie": headers["Set-Cookie"].split(";")[0]}
    status, _, page = fetch(url, "/", headers=cookie)
    assert status == 200 and b'<div id="root">' in page
    assert fetch(url, static_file_with_token(url), headers=cookie)[0] == 200
    assert fetch(url, "/_stcore/stream", headers={**WEBSOCKET_HEADERS, **cookie})[0] == 101
    assert fetch(url, "/_stcore/health", headers={"Authorization": f"Bearer {TOKEN}"})[0] == 200
    assert fetch(url, "/", host=EVIL, headers=cookie)[0] == 403


def test_the_token_is_neither_on_the_command_line_nor_in_the_log(token_server):
    url, proc, log = token_server
    fetch(url, f"/?token={TOKEN}")
    assert TOKEN.encode() not in Path(f"/proc/{proc.pid}/cmdline").read_bytes()
    assert TOKEN not in log.read_text()
    assert "?token=<the token>" in log.read_text()


# ---------------------------------------------------------------- marsad serve


def test_serve_on_all_interfaces_without_a_token_exits_2_with_one_line(tables):
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_TOKEN"}
    done = subprocess.run(
        [sys.executable, "-m", "data_pipeline.cli", "serve", "--data", str(tables), "--address", "0.0.0.0"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert (done.returncode, done.stderr, done.stdout) == (2, NO_TOKEN_ERROR + "\n", "")


def test_serve_refuses_before_starting_any_server(tables, monkeypatch):
    from data_pipeline import cli

    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    monkeypatch.setattr(cli, "_exec", lambda *a, **k: pytest.fail("a server was started"))
    assert cli.main(["serve", "--data", str(tables), "--address", "0.0.0.0"]) == 2
    monkeypatch.setattr(server, "install_guard", lambda policy: pytest.fail("Streamlit was started"))
    assert server.run(["--address", "0.0.0.0"]) == 2


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_serve_hands_the_token_to_the_launcher_through_its_environment(tables, monkeypatch, how):
    from data_pipeline import cli

    started = []
    monkeypatch.setattr(cli, "_exec", lambda cmd, cwd, env: started.append((cmd, env)) or 0)
    argv = ["serve", "--data", str(tables), "--address", "0.0.0.0", "--allowed-host", TEAM, "--read-only"]
    if how == "flag":
        monkeypatch.delenv("MARSAD_TOKEN", raising=False)
        argv += ["--token", TOKEN]
    else:
        monkeypatch.setenv("MARSAD_TOKEN", TOKEN)
    assert cli.main(argv) == 0
    [(cmd, env)] = started
    assert cmd[1:] == ["-m", "dashboard.server", "--port", "8501", "--address", "0.0.0.0",
                       "--allowed-host", TEAM, "--read-only"]
    assert env["MARSAD_TOKEN"] == TOKEN


def test_the_launcher_guards_streamlit_then_runs_the_app_from_the_repository(monkeypatch, tmp_path):
    import streamlit.web.cli

    seen = {}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MARSAD_TOKEN", TOKEN)
    monkeypatch.setenv("MARSAD_READ_ONLY", "0")  # recorded, so the launcher's "1" is undone after the test
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setattr(server, "install_guard", lambda policy: seen.update(policy=policy))

    def streamlit_main():
        seen.update(argv=list(sys.argv), cwd=Path.cwd(), read_only=os.environ.get("MARSAD_READ_ONLY"),
                    token_in_env="MARSAD_TOKEN" in os.environ)

    monkeypatch.setattr(streamlit.web.cli, "main", streamlit_main)
    assert server.run(["--port", "9999", "--address", "0.0.0.0", "--allowed-host", TEAM, "--read-only"]) == 0
    assert seen == {
        "policy": Policy(frozenset({*LOOPBACK_NAMES, TEAM}), TOKEN, read_only=True),
        "argv": ["streamlit", "run", str(REPO / "dashboard" / "app.py"),
                 "--server.port", "9999", "--server.address", "0.0.0.0"],
        "cwd": REPO,
        "read_only": "1",
        "token_in_env": False,
    }


def test_the_launcher_is_read_only_when_the_environment_says_so(monkeypatch, tmp_path):
    import streamlit.web.cli

    policies = []
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MARSAD_READ_ONLY", "true")
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setattr(server, "install_guard", policies.append)
    monkeypatch.setattr(streamlit.web.cli, "main", lambda: None)
    assert server.run(["--port", "9999"]) == 0
    assert [p.read_only for p in policies] == [True]
    assert os.environ["MARSAD_READ_ONLY"] == "1"


def test_uploaded_file_names_are_stored_with_their_controls_made_visible():
    """A NUL in an uploaded file's name made Streamlit raise on every rerun of the session."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    assert server.visible_file_name("nul\x00na\u202eme\x1f.txt") == "nul\ufffdna\ufffdme\ufffd.txt"
    assert server.visible_file_name("تقرير الأسبوع.txt") == "تقرير الأسبوع.txt"
    server.install_upload_name_guard()
    server.install_upload_name_guard()  # idempotent
    manager = MemoryUploadedFileManager("/upload")
    manager.add_file("session", UploadedFileRec("f1", "a\x00b.txt", "text/plain", b"x"))
    assert [f.name for f in manager.get_files("session", ["f1"])] == ["a\ufffdb.txt"]
