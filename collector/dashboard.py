"""The district officials' dashboard: login, logout and one server-rendered page in Vietnamese.

No JavaScript and no external assets: the collector may run on a laptop without internet.
Login is a POST form protected by a CSRF token bound to a pre-login cookie; the session
cookie is HttpOnly, SameSite=Strict and signed with the server secret (collector.auth), and
logout records the session as ended, so a copy of the cookie stops working at once.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates

from collector import auth, charts, stats, throttle
from collector.fleet import REASON_NAMES, fleet_view
from collector.hashpool import RETRY_AFTER_S, HashPool
from kiosk.clock import Clock
from kiosk.protocol import OVERVIEW_STEP, ContentProblem, EndReason, Outcome

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
SESSION_COOKIE = "dvc_session"
PRELOGIN_COOKIE = "dvc_prelogin"

# The page has no script and loads nothing from elsewhere; saying so to the browser turns any
# injected markup into inert text and keeps the dashboard out of other sites' frames.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on the login
    # POST, which the origin check (rightly) refuses.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class _HardenedRoute(APIRoute):
    """A route whose every response carries SECURITY_HEADERS."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def hardened(request: Request) -> Response:
            response = await handler(request)
            response.headers.update(SECURITY_HEADERS)
            return response

        return hardened


router = APIRouter(include_in_schema=False, route_class=_HardenedRoute)

_OUTCOME_NAMES = {
    Outcome.VNEID_ACTIVATED.value: "Đã kích hoạt VNeID",
    Outcome.DOSSIER_SUBMITTED.value: "Đã nộp hồ sơ",
    Outcome.NEEDS_RETURN.value: "Cần quay lại",
    Outcome.INFO_ONLY.value: "Chỉ hỏi thông tin",
}
# The dashboard is in Vietnamese only (DESIGN.md): the district's words for the codes.
_END_REASON_NAMES = {
    EndReason.FINISHED.value: "Làm đến bước cuối, bấm Xong",
    EndReason.IDLE.value: "Bỏ dở, hết giờ chờ",
    EndReason.VOLUNTEER_RESET.value: "Tình nguyện viên đặt lại",
    EndReason.HOME.value: "Tự quay về màn hình đầu",
}
_PROBLEM_NAMES = {
    ContentProblem.FEE.value: "Lệ phí không đúng",
    ContentProblem.DOCUMENTS.value: "Giấy tờ cần chuẩn bị không đúng",
    ContentProblem.PORTAL.value: "Địa chỉ trang web hoặc cổng không đúng",
    ContentProblem.SCREEN_CHANGED.value: "Màn hình trên cổng đã khác hướng dẫn",
    ContentProblem.PICTURE.value: "Hình minh họa không khớp",
    ContentProblem.PROCESSING_TIME.value: "Thời gian giải quyết không đúng",
    ContentProblem.UNCLEAR.value: "Hướng dẫn khó hiểu",
    ContentProblem.OTHER.value: "Lý do khác (hỏi tình nguyện viên)",
}


def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def _client_address(request: Request) -> str:
    # uvicorn puts the reverse proxy's X-Forwarded-For here when the proxy is trusted
    # (--forwarded-allow-ips, loopback by default), so this is the browser's address.
    return request.client.host if request.client else "unknown"


def _busy(request: Request, message: str, wait: int, username: str = "") -> Response:
    response = _login_page(request, message, status_code=429, username=username)
    response.headers["Retry-After"] = str(wait)
    return response


def _secret(request: Request) -> bytes:
    secret: bytes = request.app.state.secret
    return secret


def _secure(request: Request) -> bool:
    return bool(request.app.state.secure_cookies)


def _same_origin(request: Request) -> bool:
    # Browsers send Origin on POST; when present it must be this very site.
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


def _login_page(
    request: Request, error: str | None, status_code: int = 200, username: str = ""
) -> Response:
    prelogin = request.cookies.get(PRELOGIN_COOKIE) or auth.new_token()
    response = TEMPLATES.TemplateResponse(
        request,
        "login.html",
        {"csrf": auth.csrf_token(_secret(request), prelogin), "error": error, "username": username},
        status_code=status_code,
    )
    response.set_cookie(
        PRELOGIN_COOKIE, prelogin, httponly=True, samesite="strict", secure=_secure(request)
    )
    return response


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> Response:
    """The login form."""
    return _login_page(request, None)


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Check CSRF, then the password; on success set the signed session cookie."""
    prelogin = request.cookies.get(PRELOGIN_COOKIE)
    if not _same_origin(request) or not auth.csrf_ok(_secret(request), prelogin, csrf):
        return _login_page(
            request, "Phiên đăng nhập đã hết hạn. Vui lòng thử lại.", status_code=403
        )
    engine = request.app.state.engine
    attempt = throttle.LoginAttempt(username, _client_address(request))
    now = _clock(request).now()
    stored_now = now.astimezone(UTC).replace(tzinfo=None)
    wait = await run_in_threadpool(throttle.seconds_to_wait, engine, attempt, stored_now)
    if wait:
        message = f"Đã nhập sai nhiều lần. Vui lòng chờ {wait} giây rồi thử lại."
        return _busy(request, message, wait, username)
    pool: HashPool = request.app.state.hash_pool
    if not pool.try_acquire():  # every hashing slot is busy: refuse before spending memory
        message = "Máy chủ đang bận. Vui lòng thử lại sau vài giây."
        return _busy(request, message, RETRY_AFTER_S, username)
    try:
        ok = await run_in_threadpool(auth.check_login, engine, username, password)
    finally:
        pool.release()
    if not ok:
        await run_in_threadpool(throttle.record_failure, engine, attempt, stored_now)
        return _login_page(
            request,
            "Tên đăng nhập hoặc mật khẩu chưa đúng. Vui lòng thử lại.",
            status_code=401,
            username=username,
        )
    await run_in_threadpool(throttle.record_success, engine, attempt)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        auth.session_cookie(_secret(request), username, now),
        max_age=auth.SESSION_MAX_AGE_S,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    response.delete_cookie(PRELOGIN_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    """End the session (POST with the session-bound CSRF token)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not _same_origin(request) or not auth.csrf_ok(_secret(request), cookie, csrf):
        return Response("Yêu cầu không hợp lệ.", status_code=403, media_type="text/plain")
    now = _clock(request).now()
    session = auth.read_session(_secret(request), cookie, now)
    if session is not None:  # a copy of the cookie must not outlive the logout
        stored_now = now.astimezone(UTC).replace(tzinfo=None)
        await run_in_threadpool(auth.end_session, request.app.state.engine, session, stored_now)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    """The dashboard, or a redirect to the login form."""
    cookie = request.cookies.get(SESSION_COOKIE)
    now = _clock(request).now()
    session = auth.read_session(_secret(request), cookie, now)
    engine = request.app.state.engine
    if (
        session is None
        or cookie is None
        or await run_in_threadpool(auth.session_ended, engine, session)
    ):
        return RedirectResponse("/login", status_code=303)
    user = session.username
    data = await run_in_threadpool(stats.dashboard, engine, now)
    ids = [procedure_id for procedure_id, _ in data.top_procedures if procedure_id]
    ids += [line.procedure_id for line in data.content_reports]
    names = await run_in_threadpool(stats.procedure_names, engine, sorted(set(ids)))
    places = {(line.procedure_id, line.step) for line in data.content_reports}
    titles = await run_in_threadpool(stats.step_titles, engine, places)
    csrf = auth.csrf_token(_secret(request), cookie)
    context = _context(data, user, csrf, names)
    fleet = await run_in_threadpool(fleet_view, engine, _clock(request))
    context.update(refused_kiosks=fleet.refused_kiosks(), reason_names=REASON_NAMES)
    points = {point.id: point.name for point in data.help_points}
    context["reports"] = _report_rows(data.content_reports, names, titles, points)
    return TEMPLATES.TemplateResponse(request, "dashboard.html", context)


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%".replace(".", ",")


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _context(data: stats.Dashboard, user: str, csrf: str, names: dict[str, str]) -> dict[str, Any]:
    days = data.days
    period = f"{_fmt_day(days[0])} – {_fmt_day(days[-1])}"
    point_charts = [
        (
            point,
            charts.day_bars(
                point.per_day,
                days,
                f"Số lượt sử dụng mỗi ngày tại {point.name}: "
                + ", ".join(
                    f"{d.day}/{d.month}: {v}" for d, v in zip(days, point.per_day, strict=True)
                ),
                height=70,
            ),
        )
        for point in sorted(data.help_points, key=lambda p: (-p.total, p.name))
    ]
    procedures = [
        (
            _short(names.get(procedure_id, procedure_id))
            if procedure_id
            else "(chưa chọn thủ tục)",
            float(count),
            f"{count} lượt",
        )
        for procedure_id, count in data.top_procedures
    ]
    rates = [
        (
            "Hoàn thành thủ tục",
            data.completion_rate,
            f"{_percent(data.completion_rate)} ({data.completed}/{data.with_procedure})",
        ),
    ] + [
        (
            _OUTCOME_NAMES[o],
            data.outcome_rate(o),
            f"{_percent(data.outcome_rate(o))} "
            f"({data.outcome_counts.get(o, 0)}/{data.sessions_total})",
        )
        for o in (Outcome.VNEID_ACTIVATED.value, Outcome.DOSSIER_SUBMITTED.value)
    ]
    return {
        "user": user,
        "csrf": csrf,
        "data": data,
        "period": period,
        "generated": data.now.replace(tzinfo=UTC).astimezone(stats.VN_TZ),
        "total_chart": charts.day_bars(
            data.per_day_total,
            days,
            "Tổng số lượt sử dụng mỗi ngày: "
            + ", ".join(
                f"{d.day}/{d.month}: {v}" for d, v in zip(days, data.per_day_total, strict=True)
            ),
        ),
        "point_charts": point_charts,
        "procedure_chart": charts.horizontal_bars(procedures, "Thủ tục được xem nhiều nhất")
        if procedures
        else None,
        "rate_chart": charts.horizontal_bars(
            [(name, share, shown) for name, share, shown in rates], "Tỉ lệ hoàn thành và kết quả"
        ),
        "end_reason_chart": charts.horizontal_bars(
            [
                (
                    _END_REASON_NAMES.get(reason, reason),
                    float(count),
                    f"{count} lượt",
                )
                for reason, count in data.end_reasons.items()
            ],
            "Cách các lượt kết thúc",
        ),
        "silent_count": sum(1 for p in data.help_points if p.silent),
        "fmt_time": _fmt_time,
    }


def _report_rows(
    lines: list[stats.ContentReportLine],
    names: dict[str, str],
    titles: dict[tuple[str, int], str],
    points: dict[str, str],
) -> list[dict[str, Any]]:
    """One table row per reported procedure step, in the district's words."""
    rows = []
    for line in lines:
        if line.step == OVERVIEW_STEP:
            place = "Phần tổng quan (lệ phí, giấy tờ, thời gian, nơi làm)"
        else:
            title = titles.get((line.procedure_id, line.step))
            place = f"Bước {line.step}" + (f": {title}" if title else "")
        reasons = sorted(line.reasons.items(), key=lambda item: (-item[1], item[0]))
        rows.append(
            {
                "id": f"{line.procedure_id}-{line.step}",
                "procedure": names.get(line.procedure_id, line.procedure_id),
                "procedure_id": line.procedure_id,
                "place": place,
                "reasons": [(_PROBLEM_NAMES.get(code, code), count) for code, count in reasons],
                "total": line.total,
                "last": _fmt_time(line.last_at),
                "catalog_version": line.catalog_version,
                "help_points": "; ".join(points.get(p, p) for p in line.help_points),
            }
        )
    return rows


def _fmt_day(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _fmt_time(moment: datetime | None) -> str:
    if moment is None:
        return "chưa bao giờ"
    local = moment.replace(tzinfo=UTC).astimezone(stats.VN_TZ)
    return f"{local.hour:02d}:{local.minute:02d} ngày {local.day}/{local.month}/{local.year}"
