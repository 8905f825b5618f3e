"""Exposure in a real Chromium: DNS rebinding, framing by another site, the token link.

The other site is a real HTTP server at ``localhost:<another port>`` (another site than
``127.0.0.1``), serving one page that links to or frames the dashboard. (A page Playwright answers
itself with ``page.route`` cannot frame even an unguarded dashboard: Chromium blocks it as a public
page framing a loopback one, so it would prove nothing.) ``evil.example`` is resolved to 127.0.0.1
by Chromium's own resolver (``--host-resolver-rules``), as a DNS-rebinding attacker would make it.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from scripts.browser import CHROMIUM, CHROMIUM_ARGS, serve, wait_rendered

pytestmark = pytest.mark.e2e

TOKEN = "e2e-Zm9vYmFyLXRva2Vu-4821"
BLOCKED_FRAME = "chrome-error://chromewebdata/"


@pytest.fixture(scope="module")
def token_url(seed_tables, tmp_path_factory):
    with serve(seed_tables, tmp_path_factory.mktemp("logs") / "token.log", token=TOKEN) as url:
        yield url


@pytest.fixture
def other_site():
    """``show(page, html)``: open a page of another site holding ``html``; returns once its frames loaded or failed."""
    served = {}

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            body = served["html"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def show(page, html: str) -> None:
        served["html"] = html
        page.goto(f"http://localhost:{httpd.server_port}/")

    yield show
    httpd.shutdown()
    httpd.server_close()


def test_a_rebound_host_name_gets_the_refusal_not_the_dashboard(browser, seed_url):
    port = urlsplit(seed_url).port
    rebinding = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"],
    )
    try:
        page = rebinding.new_page()
        response = page.goto(f"http://evil.example:{port}/")
        assert response.status == 403
        expect(page.locator("body")).to_have_text(
            f"Marsad refused this request: the host 'evil.example:{port}' is not an allowed name "
            "(marsad serve --allowed-host NAME adds one)."
        )
        page.goto(f"http://localhost:{port}/")
        wait_rendered(page)
    finally:
        rebinding.close()


def test_another_site_cannot_frame_the_dashboard(page, seed_url, other_site):
    # Wait for the frame's own navigation to end (in the error page, or in the dashboard if framing were allowed).
    with page.expect_event("framenavigated", predicate=lambda frame: frame.parent_frame is not None) as navigated:
        other_site(page, f'<iframe src="{seed_url}" width="800" height="600"></iframe>')
    assert navigated.value.url == BLOCKED_FRAME


def test_a_token_link_from_another_site_opens_the_dashboard_and_drops_the_token(page, token_url, other_site):
    response = page.goto(token_url)
    assert response.status == 401
    other_site(page, f'<a id="open" href="{token_url}?token={TOKEN}&lang=ar">Marsad</a>')
    page.click("#open")
    wait_rendered(page)  # the page's WebSocket is up: it carried the cookie
    assert TOKEN not in page.url
    [cookie] = [c for c in page.context.cookies() if c["name"] == "marsad_token"]
    assert (cookie["value"], cookie["httpOnly"], cookie["sameSite"]) == (TOKEN, True, "Strict")
