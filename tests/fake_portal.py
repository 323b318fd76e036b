"""A fake public-service portal on loopback, for the portal view's tests and benchmarks.

Modelled on qutebrowser's end-to-end web server (a real server the real browser is driven
against), but in a thread of the test process with the standard library only. It has what the
kiosk must handle on the real portal: a login form that sets a session cookie and an OTP step,
a multi-page form, an upload field, a receipt to download, and ways out to a foreign host — a
link, a redirect, a form post and `window.open` — plus a popup that stays on the portal.

`FakePortal.start()` serves the portal; `FakePortal.start(foreign=True)` serves a second,
"foreign" site on another port, which only counts what reaches it (nothing should).
"""

from __future__ import annotations

import html
import re
import secrets
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

COOKIE = "dvcsid"
BRAND = "#b5121b"  # the header bar's red, like the real portal's: a painted page shows it
RECEIPT_NAME = "bien-lai-nop-ho-so.pdf"
# The national portal's own name for a receipt (as a resident met it, 2026-12-08): long, with
# no space for a line to break at.
LONG_RECEIPT_NAME = "GiayTiepNhan_G22.99.10-261208-0001.pdf"
# A one-page PDF with the word "BIEN LAI" on it: small, valid, printable.
RECEIPT_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 44>>stream\nBT /F1 36 Tf 100 700 Td (BIEN LAI) Tj ET\nendstream\nendobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Seen:
    """One request the server answered: method and path only (never a body)."""

    method: str
    path: str


@dataclass
class PortalState:
    """What the fake portal remembers: logged-in session ids, requests, uploaded file names."""

    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    uploads: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _page(title: str, body: str) -> bytes:
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;font-size:18px;margin:24px}"
        "input,button{font-size:18px;margin:6px 0;padding:8px}"
        f"#brand{{background:{BRAND};height:48px;margin:-24px -24px 16px}}</style></head>"
        f"<body><div id='brand'></div><h1>{html.escape(title)}</h1>{body}</body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return None  # quiet: the tests read `state.requests`

    # ----- helpers ---------------------------------------------------------------------------
    def _send(
        self,
        body: bytes,
        status: HTTPStatus = HTTPStatus.OK,
        kind: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        if self.server.banner_px and kind.startswith("text/html"):
            # The real portal's header: logos, menu, search, ~370 px before any content.
            banner = (
                f"<div id='banner' style='height:{self.server.banner_px}px;background:#f3e9d2'>"
                "Cổng Dịch vụ công Quốc gia · Thông tin và dịch vụ · Tìm kiếm</div>"
            )
            body = body.replace(
                b"<div id='brand'></div>", b"<div id='brand'></div>" + banner.encode()
            )
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to: str, headers: dict[str, str] | None = None) -> None:
        self._send(b"", HTTPStatus.SEE_OTHER, headers={"Location": to, **(headers or {})})

    def _session(self) -> dict[str, Any] | None:
        cookie = SimpleCookie(self.headers.get("Cookie", ""))
        morsel = cookie.get(COOKIE)
        with self.server.state.lock:
            return self.server.state.sessions.get(morsel.value) if morsel else None

    def _form(self) -> dict[str, list[str]]:
        length = int(self.headers.get("Content-Length", "0") or 0)
        raw = self.rfile.read(length)
        kind = self.headers.get("Content-Type", "")
        if kind.startswith("multipart/form-data"):
            names = re.findall(rb'filename="([^"]*)"', raw)
            return {"files": [n.decode(errors="replace") for n in names]}
        return parse_qs(raw.decode("utf-8", errors="replace"))

    def _record(self) -> str:
        path = urlsplit(self.path).path
        with self.server.state.lock:
            self.server.state.requests.append(Seen(self.command, path))
        return path

    # ----- pages -----------------------------------------------------------------------------
    def do_GET(self) -> None:
        path = self._record()
        if self.server.foreign:
            self._send(_page("Trang ngoài", "<p id='state'>foreign</p>"))
            return
        session = self._session()
        logged_in = bool(session and session.get("logged_in"))
        routes = {
            "/login": self._login_page,
            "/otp": self._otp_page,
            "/form/1": lambda: self._form_page(1),
            "/form/2": lambda: self._form_page(2),
            "/upload": self._upload_page,
            "/done": self._done_page,
            "/review": self._review_page,
            "/links": self._links_page,
            "/thanh-toan": self._payment_page,
            "/popup": lambda: self._send(_page("Cửa sổ phụ", "<p id='state'>popup</p>")),
            f"/{RECEIPT_NAME}": self._receipt,
            f"/{LONG_RECEIPT_NAME}": lambda: self._receipt(LONG_RECEIPT_NAME),
            "/redirect-away": lambda: self._redirect(f"{self.server.foreign_url}/after-redirect"),
            "/slow": self._slow,
        }
        handler = routes.get(path)
        if handler is not None:
            handler()
            return
        # Any other path (the catalog's portal pages, moved onto this origin) is the home page.
        state = "logged-in" if logged_in else "logged-out"
        self._send(
            _page(
                "Cổng Dịch vụ công (thử)",
                f"<p id='state'>{state}</p>"
                "<p><a id='login' href='/login'>Đăng nhập</a> · "
                "<a id='links' href='/links'>Liên kết</a></p>",
            )
        )

    def do_POST(self) -> None:
        path = self._record()
        form = self._form()
        if self.server.foreign:
            self._send(_page("Trang ngoài", "<p id='state'>foreign-post</p>"))
            return
        if path == "/login":
            sid = secrets.token_hex(16)
            with self.server.state.lock:
                self.server.state.sessions[sid] = {"logged_in": False}
            cookie = f"{COOKIE}={sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400"
            self._redirect("/otp", {"Set-Cookie": cookie})
        elif path == "/otp":
            session = self._session()
            if session is not None:
                session["logged_in"] = True
            self._redirect("/form/1")
        elif path in ("/form/1", "/form/2"):
            self._redirect("/form/2" if path == "/form/1" else "/upload")
        elif path == "/upload":
            with self.server.state.lock:
                self.server.state.uploads.extend(form.get("files", []))
            self._redirect("/review" if self.server.review else "/done")
        elif path == "/review":
            if form.get("camdoan") == ["yes"]:
                self._redirect("/done")
            else:  # as the portal does: the box was missed, say so and stay
                self._review_page(missed=True)
        else:
            self._send(_page("Không có", ""), HTTPStatus.NOT_FOUND)

    def _login_page(self) -> None:
        self._send(
            _page(
                "Đăng nhập",
                "<form id='f' method='post' action='/login'>"
                "<p>Số định danh <input id='username' name='username' autocomplete='username'>"
                "</p><p>Mật khẩu <input id='password' name='password' type='password' "
                "autocomplete='current-password'></p>"
                "<button id='submit' type='submit'>Đăng nhập</button></form>",
            )
        )

    def _otp_page(self) -> None:
        self._send(
            _page(
                "Nhập mã OTP",
                "<form id='f' method='post' action='/otp'>"
                "<input id='otp' name='otp' inputmode='numeric' autocomplete='one-time-code'>"
                "<button id='submit' type='submit'>Xác nhận</button></form>",
            )
        )

    def _form_page(self, number: int) -> None:
        fields = (
            "<p>Họ và tên <input id='name' name='name' autocomplete='name'></p>"
            "<p>Số điện thoại <input id='phone' name='phone' autocomplete='tel'></p>"
            if number == 1
            else "<p>Địa chỉ <input id='address' name='address'></p>"
        )
        self._send(
            _page(
                f"Tờ khai, trang {number}/2",
                f"<form id='f' method='post' action='/form/{number}'>{fields}"
                "<button id='submit' type='submit'>Tiếp tục</button></form>",
            )
        )

    def _upload_page(self) -> None:
        self._send(
            _page(
                "Tải lên giấy tờ",
                "<form id='f' method='post' action='/upload' enctype='multipart/form-data'>"
                "<input id='file' name='file' type='file' accept='.pdf,image/*'>"
                "<button id='submit' type='submit'>Gửi</button></form>",
            )
        )

    def _review_page(self, missed: bool = False) -> None:
        """The review before submitting: what was filed, the small 'cam đoan' box, and
        'Nộp hồ sơ' (the real portal refuses a dossier whose box is not ticked)."""
        error = (
            "<p id='error' style='color:#b5121b'>Bạn chưa xác nhận cam đoan.</p>" if missed else ""
        )
        self._send(
            _page(
                "Xem lại hồ sơ",
                f"{error}<p>Kiểm tra lại thông tin đã khai trước khi nộp.</p>"
                "<form id='f' method='post' action='/review'>"
                "<p><label><input id='camdoan' name='camdoan' type='checkbox' value='yes'> "
                "Tôi xin cam đoan những thông tin trên là đúng sự thật.</label></p>"
                "<button id='submit' type='submit'>Nộp hồ sơ</button></form>",
            )
        )

    def _done_page(self) -> None:
        self._send(
            _page(
                "Đã nộp hồ sơ",
                f"<p id='state'>done</p><a id='receipt' href='/{RECEIPT_NAME}'>Tải biên lai</a>"
                f"<p><a id='long-receipt' href='/{LONG_RECEIPT_NAME}'>Giấy tiếp nhận</a></p>"
                f"<p><a id='receipt-new-tab' href='/{LONG_RECEIPT_NAME}' target='_blank'>"
                "Giấy tiếp nhận (trang mới)</a></p>"
                f"<p><button id='receipt-script' onclick=\"location.href='/{LONG_RECEIPT_NAME}'\">"
                "In giấy tiếp nhận</button></p>",
            )
        )

    def _links_page(self) -> None:
        away = self.server.foreign_url
        self._send(
            _page(
                "Liên kết",
                f"<p><a id='foreign-link' href='{away}/clicked'>Trang ngoài</a></p>"
                "<p><a id='redirect-link' href='/redirect-away'>Chuyển hướng ra ngoài</a></p>"
                f"<form id='foreign-form' method='post' action='{away}/posted'>"
                "<input name='q' value='x'><button id='foreign-post'>Gửi ra ngoài</button></form>"
                f"<p><button id='foreign-popup' onclick=\"window.open('{away}/popup')\">"
                "Mở cửa sổ ngoài</button></p>"
                "<p><button id='own-popup' onclick=\"window.open('/popup')\">Mở cửa sổ</button>"
                "</p><p><a id='blank-link' href='/popup' target='_blank'>Mở tab mới</a></p>",
            )
        )

    def _payment_page(self) -> None:
        """The payment platform's choice of ways to pay (kiosk.portal.TEST_PAYMENT_PATH: on
        the test origin this stands for PayGov); one way is a gateway off the allow-list."""
        away = self.server.foreign_url
        self._send(
            _page(
                "Thanh toán lệ phí",
                "<p id='state'>payment</p>"
                f"<p><a id='blocked-gateway' href='{away}/viettelpay?amount=15000'>ViettelPay</a>"
                "</p>",
            )
        )

    def _receipt(self, name: str = RECEIPT_NAME) -> None:
        self._send(
            RECEIPT_PDF,
            kind="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    def _slow(self) -> None:
        self.server.release.wait(30)
        self._send(_page("Chậm", "<p id='state'>slow</p>"))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, foreign: bool, foreign_url: str, banner_px: int = 0, review: bool = False
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.banner_px = banner_px
        self.review = review
        self.foreign = foreign
        self.foreign_url = foreign_url
        self.state = PortalState()
        self.release = threading.Event()


class FakePortal:
    """A running fake portal (or foreign site): its origin, what it saw, and a stop."""

    def __init__(self, server: _Server, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread
        self.port = server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.state = server.state

    @classmethod
    def start(
        cls,
        foreign: bool = False,
        foreign_url: str = "http://127.0.0.1:9",
        banner_px: int = 0,
        review: bool = False,
    ) -> FakePortal:
        """Serve on a free loopback port in a daemon thread; `banner_px` > 0 puts a header of
        that height above every page's content, as the national portal has; `review` puts the
        review page with its 'cam đoan' box between the upload and the receipt."""
        server = _Server(foreign, foreign_url, banner_px, review)
        thread = threading.Thread(target=server.serve_forever, name="fake-portal", daemon=True)
        thread.start()
        return cls(server, thread)

    def paths(self, method: str | None = None) -> list[str]:
        """The paths requested so far (optionally of one method)."""
        with self.state.lock:
            return [s.path for s in self.state.requests if method in (None, s.method)]

    def stop(self) -> None:
        """Stop serving and close the port."""
        self._server.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
