"""Launch the dashboard behind a guard that decides who may talk to it.

``marsad serve`` runs ``python -m dashboard.server --port P --address A [--allowed-host NAME ...]
[--read-only]`` from the repository root (Streamlit reads ``.streamlit/config.toml`` from the working
directory), with the tables folder in ``$MARSAD_DATA`` and the access token, if any, in
``$MARSAD_TOKEN`` (an environment variable, so it never shows in ``ps``).

Streamlit 1.67 serves through Starlette on uvicorn and, apart from the WebSocket, answers any Host
header: a DNS-rebinding page (``evil.example`` resolving to 127.0.0.1) could read the dashboard
and upload to it. The guard is an ASGI wrapper around the whole Starlette application, so every
route goes through it: pages, static files, ``/_stcore/*``, the WebSocket ``/_stcore/stream`` and
the upload route ``/_stcore/upload_file``. It

- refuses (403) a request whose Host is not an allowed name (loopback names, the address bound if it
  is a specific one, and ``--allowed-host`` names; any port);
- with a token, refuses (401) a request that carries neither the cookie set by a first visit with
  ``?token=...``, nor ``Authorization: Bearer``, nor ``?token=``;
- with ``--read-only``, refuses (403) the upload route (the app also hides its add-articles page:
  ``MARSAD_READ_ONLY=1``);
- adds ``X-Frame-Options: DENY``, ``Content-Security-Policy: frame-ancestors 'none'`` and
  ``X-Content-Type-Options: nosniff`` to every HTTP response, refusals included.

The decision is the pure function ``decide``; only ``run`` imports Streamlit.
"""

from __future__ import annotations

import argparse
import hmac
import html
import ipaddress
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "dashboard" / "app.py"

TOKEN_ENV = "MARSAD_TOKEN"
READ_ONLY_ENV = "MARSAD_READ_ONLY"
TOKEN_COOKIE = "marsad_token"
TOKEN_PARAM = "token"
# URL- and cookie-safe without escaping (what `secrets.token_urlsafe` gives), long enough not to be guessed.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9._~-]{16,}")
TOKEN_ADVICE = "make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(24))'"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
# Streamlit's file upload route (streamlit/web/server/server.py UPLOAD_FILE_ENDPOINT); matched as a
# path segment anywhere so a server.baseUrlPath prefix does not let it through.
UPLOAD_SEGMENT = "/_stcore/upload_file"
SECURITY_HEADERS = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
)
HOST_SHOWN_CHARS = 80


@dataclass(frozen=True)
class Policy:
    """Who may talk to the dashboard: Host names (lower case, no port), the token, uploads off."""

    allowed_hosts: frozenset[str] = LOOPBACK_NAMES
    token: str | None = None
    read_only: bool = False


@dataclass(frozen=True)
class Request:
    """What the guard reads of a request (header values as sent; ``query`` without the ``?``)."""

    host: str | None
    path: str = "/"
    query: str = ""
    cookie: str = ""
    authorization: str = ""
    method: str = "GET"
    websocket: bool = False


@dataclass(frozen=True)
class Verdict:
    """``status`` is None when the request goes on to Streamlit; ``remember`` sets the token cookie."""

    status: int | None = None
    message: str = ""
    remember: bool = False

    @property
    def allowed(self) -> bool:
        return self.status is None


ALLOW = Verdict()


def host_name(host: str | None) -> str | None:
    """The lower-case name of a Host header (``name``, ``name:port``, ``[v6]:port``), None if malformed."""
    if not host:
        return None
    host = host.strip().lower()
    if host.startswith("["):
        name, sep, rest = host[1:].partition("]")
        if not sep or (rest and not re.fullmatch(r":\d{1,5}", rest)):
            return None
        return name
    if host.count(":") > 1:  # a bare IPv6 address (not valid in a Host header, but unambiguous)
        return host
    name, _, port = host.partition(":")
    if port and not port.isdigit():
        return None
    return name or None


def is_loopback(address: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_error(address: str, token: str | None) -> str | None:
    """Why the dashboard must not start on ``address`` with ``token``, or None when it may."""
    if token is not None and not TOKEN_PATTERN.fullmatch(token):
        return f"the access token must be at least 16 characters of A-Z a-z 0-9 . _ ~ - ({TOKEN_ADVICE})"
    if not is_loopback(address) and not token:
        return (
            f"--address {address} lets other machines reach the dashboard: give an access token with "
            f"--token or the {TOKEN_ENV} environment variable ({TOKEN_ADVICE})"
        )
    return None


def allowed_host_names(address: str, extra: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """Loopback names, the bound address when it is one specific address, and ``extra`` names."""
    names = set(LOOPBACK_NAMES)
    try:
        bound = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        names.add(address.lower())  # a host name given to --address
    else:
        if not bound.is_unspecified:  # 0.0.0.0 / :: are not names anyone browses to
            names.add(str(bound))
    for name in extra:
        parsed = host_name(name)
        if parsed:
            names.add(parsed)
    return frozenset(names)


def _same_token(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def _any_is_token(candidates: list[str], token: str) -> bool:
    # Every candidate is compared (no early exit), so timing says nothing about which one matched.
    found = False
    for value in candidates:
        found |= _same_token(value, token)
    return found


def _cookie_values(cookie_header: str, name: str) -> list[str]:
    values = []
    for part in cookie_header.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            values.append(value.strip().strip('"'))
    return values


def _bearer(authorization: str) -> str | None:
    scheme, _, value = authorization.strip().partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def decide(policy: Policy, request: Request) -> Verdict:
    """Let ``request`` through, remember its ``?token=`` in a cookie, or refuse it (status, short text)."""
    name = host_name(request.host)
    if name is None or name not in policy.allowed_hosts:
        shown = (request.host or "")[:HOST_SHOWN_CHARS]
        return Verdict(403, f"Marsad refused this request: the host {shown!r} is not an allowed name "
                            "(marsad serve --allowed-host NAME adds one).")
    remember = False
    if policy.token:
        query_tokens = [v for k, v in parse_qsl(request.query, keep_blank_values=True) if k == TOKEN_PARAM]
        bearer = _bearer(request.authorization)
        carried = [*_cookie_values(request.cookie, TOKEN_COOKIE), *([bearer] if bearer else []), *query_tokens]
        if not _any_is_token(carried, policy.token):
            return Verdict(401, "Marsad needs an access token: open the address with ?token=... "
                                "as given by whoever runs the dashboard.")
        in_query = _any_is_token(query_tokens, policy.token)
        remember = in_query and request.method == "GET" and not request.websocket
    if policy.read_only and UPLOAD_SEGMENT in request.path:
        return Verdict(403, "Marsad is read-only here: uploads are turned off.")
    return Verdict(remember=remember)


def address_without_token(path: str, query: str) -> str:
    """The same-site address of ``path?query`` with every ``token`` parameter dropped."""
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != TOKEN_PARAM]
    # One leading slash: "//evil.example" would be another site's address.
    target = "/" + quote(path.lstrip("/"), safe="/:@!$&'()*+,;=-._~")
    return target + ("?" + urlencode(kept) if kept else "")


def token_cookie(token: str) -> str:
    return f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"


def remember_page(target: str) -> bytes:
    """The page a first ``?token=`` visit gets: it sets the cookie and reloads without the token.

    A page reload (meta refresh) and not a 303: a redirect keeps the navigation cross-site when the
    link came from another site (mail, chat), and a SameSite=Strict cookie is not sent on it.
    """
    href = html.escape(target, quote=True)
    return (
        '<!doctype html><meta charset="utf-8"><title>Marsad</title>'
        f'<meta http-equiv="refresh" content="0; url={href}"><a href="{href}">Marsad</a>'
    ).encode()


def request_from_scope(scope: dict) -> Request:
    """The parts of an ASGI http/websocket scope ``decide`` reads (a repeated Host counts as none)."""
    hosts, cookies, authorization = [], [], ""
    for key, value in scope.get("headers", []):
        if key == b"host":
            hosts.append(value.decode("latin-1"))
        elif key == b"cookie":
            cookies.append(value.decode("latin-1"))
        elif key == b"authorization":
            authorization = value.decode("latin-1")
    return Request(
        host=hosts[0] if len(hosts) == 1 else None,
        path=scope.get("path", "/"),
        query=scope.get("query_string", b"").decode("latin-1"),
        cookie="; ".join(cookies),
        authorization=authorization,
        method=scope.get("method", "GET"),
        websocket=scope["type"] == "websocket",
    )


def _with_security_headers(send):
    names = {name for name, _ in SECURITY_HEADERS}

    async def send_secured(message):
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
            message = {**message, "headers": [*headers, *SECURITY_HEADERS]}
        await send(message)

    return send_secured


class ExposureGuard:
    """ASGI wrapper: runs ``decide`` on each http/websocket request before the wrapped app sees it."""

    def __init__(self, app, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):  # lifespan: Streamlit's runtime start/stop
            await self.app(scope, receive, send)
            return
        verdict = decide(self.policy, request_from_scope(scope))
        if scope["type"] == "websocket":
            if verdict.allowed:
                await self.app(scope, receive, send)
            else:
                # Closing before accepting makes the server answer the handshake with HTTP 403.
                await receive()  # websocket.connect
                await send({"type": "websocket.close", "code": 1008})
            return
        send = _with_security_headers(send)
        if not verdict.allowed:
            await _respond(send, verdict.status, verdict.message.encode(), "text/plain; charset=utf-8",
                           [(b"www-authenticate", b"Bearer")] if verdict.status == 401 else [])
        elif verdict.remember:
            target = address_without_token(scope.get("path", "/"), scope.get("query_string", b"").decode("latin-1"))
            await _respond(send, 200, remember_page(target), "text/html; charset=utf-8",
                           [(b"set-cookie", token_cookie(self.policy.token).encode()),
                            (b"cache-control", b"no-store"), (b"referrer-policy", b"no-referrer")])
        else:
            await self.app(scope, receive, send)


async def _respond(send, status: int, body: bytes, content_type: str, extra: list[tuple[bytes, bytes]]) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def install_guard(policy: Policy) -> None:
    """Wrap every Starlette app Streamlit's server creates in ``ExposureGuard``.

    Streamlit's ``UvicornServer.start`` calls ``create_starlette_app`` through its module's globals,
    so replacing that name there is enough. If a Streamlit upgrade moves it, stop rather than serve
    unguarded.
    """
    from streamlit.web.server.starlette import starlette_server

    create = getattr(starlette_server, "create_starlette_app", None)
    if create is None or not hasattr(starlette_server, "UvicornServer"):
        raise SystemExit("error: this Streamlit version has no starlette_server.create_starlette_app; "
                         "dashboard/server.py cannot guard it")

    def create_guarded_app(runtime):
        return ExposureGuard(create(runtime), policy)

    starlette_server.create_starlette_app = create_guarded_app


def visible_file_name(name: str) -> str:
    """An uploaded file's name with every control character shown as U+FFFD (one for one)."""
    from dashboard.bidi import visible

    return visible(name)


def install_upload_name_guard() -> None:
    """Uploaded files are stored under a visible name before any script sees them.

    Streamlit checks each file name when the uploader's value is read and raises
    ``Filename cannot contain null bytes`` for a NUL, on every rerun: the session's upload page
    was dead for good. Refuse to start if the storage hook moved in a Streamlit upgrade.
    """
    from streamlit.runtime import memory_uploaded_file_manager as mufm

    manager = getattr(mufm, "MemoryUploadedFileManager", None)
    add_file = getattr(manager, "add_file", None)
    if add_file is None or getattr(add_file, "_marsad_guarded", False):
        if add_file is None:
            raise SystemExit("error: this Streamlit version has no MemoryUploadedFileManager.add_file; "
                             "dashboard/server.py cannot clean upload names")
        return

    def add_visible_file(self, session_id, file):
        return add_file(self, session_id, file._replace(name=visible_file_name(file.name)))

    add_visible_file._marsad_guarded = True
    manager.add_file = add_visible_file


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m dashboard.server", description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME")
    p.add_argument("--read-only", action="store_true")
    return p


def launch_args(port: int, address: str, allowed_hosts: list[str] = (), read_only: bool = False) -> list[str]:
    """The arguments of ``python -m dashboard.server`` (the token travels in ``$MARSAD_TOKEN``)."""
    args = ["--port", str(port), "--address", address]
    for name in allowed_hosts:
        args += ["--allowed-host", name]
    return args + (["--read-only"] if read_only else [])


def run(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    # Out of the environment at once: the app and the rebuilds it starts do not need the token.
    token = os.environ.pop(TOKEN_ENV, "") or None
    error = exposure_error(args.address, token)
    if error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # The same spellings the app reads, so the page and the route are never off one without the other.
    read_only = args.read_only or os.environ.get(READ_ONLY_ENV, "").lower() in ("1", "true", "yes")
    if read_only:
        os.environ[READ_ONLY_ENV] = "1"
    policy = Policy(allowed_host_names(args.address, args.allowed_host), token, read_only)
    install_guard(policy)
    install_upload_name_guard()
    if token:
        print(f"Access token required: open http://{args.address}:{args.port}/?token=<the token>", file=sys.stderr)
    os.chdir(REPO)  # .streamlit/config.toml is read from the working directory
    from streamlit.web import cli as streamlit_cli

    sys.argv = ["streamlit", "run", str(APP), "--server.port", str(args.port), "--server.address", args.address]
    try:
        streamlit_cli.main()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(run())
