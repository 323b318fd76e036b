"""The dashboard's "Máy trạm" page: every kiosk per ward and help point, with its alarms.

Same rules as the main dashboard (collector.dashboard): signed-in officials only, no
JavaScript, no external assets, the same security headers. The numbers come from
collector.fleet, which `dvc-collector kiosks` prints too.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from collector import auth
from collector.dashboard import SESSION_COOKIE, TEMPLATES, _HardenedRoute
from collector.fleet import (
    REASON_NAMES,
    Fleet,
    KioskView,
    fleet_view,
    fmt_disk,
    fmt_offset,
    fmt_uptime,
    local_time,
)
from collector.stats import VN_TZ

router = APIRouter(include_in_schema=False, route_class=_HardenedRoute)


async def signed_in(request: Request) -> tuple[str, str] | None:
    """(user, cookie) of a valid, not logged-out dashboard session; None otherwise."""
    cookie = request.cookies.get(SESSION_COOKIE)
    session = auth.read_session(request.app.state.secret, cookie, request.app.state.clock.now())
    if session is None or cookie is None:
        return None
    if await run_in_threadpool(auth.session_ended, request.app.state.engine, session):
        return None
    return session.username, cookie


@router.get("/kiosks", response_class=HTMLResponse)
async def kiosks(request: Request) -> Response:
    """The fleet page, or a redirect to the login form."""
    who = await signed_in(request)
    if who is None:
        return RedirectResponse("/login", status_code=303)
    user, cookie = who
    fleet = await run_in_threadpool(fleet_view, request.app.state.engine, request.app.state.clock)
    context = page_context(fleet)
    context.update(user=user, csrf=auth.csrf_token(request.app.state.secret, cookie))
    return TEMPLATES.TemplateResponse(request, "kiosks.html", context)


ALARM_TITLES = {
    "silent": "Không nhận tin",
    "refused": "Bản ghi bị từ chối",
    "wrong-identity": "Sai mã máy",
    "disk": "Ổ đĩa sắp đầy",
    "clock": "Đồng hồ lệch",
    "catalog": "Danh mục cũ",
    "crash-loop": "Dừng đột ngột nhiều lần",
}


def page_context(fleet: Fleet) -> dict[str, Any]:
    """What kiosks.html shows (also used for the main dashboard's refused-uploads list)."""
    return {
        "fleet": fleet,
        "generated": fleet.now.replace(tzinfo=UTC).astimezone(VN_TZ),
        "alarm_titles": ALARM_TITLES,
        "fmt_time": local_time,
        "fmt_disk": fmt_disk,
        "fmt_uptime": fmt_uptime,
        "fmt_offset": fmt_offset,
        "fmt_reasons": fmt_reasons,
        "fmt_hours": fmt_hours,
    }


def fmt_reasons(kiosk: KioskView) -> str:
    """'mã máy sai: 12' lines for a kiosk's refused records."""
    return ", ".join(
        f"{REASON_NAMES.get(reason, reason)}: {count}"
        for reason, count in sorted(kiosk.refused_by_reason.items())
    )


_DAY_NAMES = {
    "mon": "Thứ Hai",
    "tue": "Thứ Ba",
    "wed": "Thứ Tư",
    "thu": "Thứ Năm",
    "fri": "Thứ Sáu",
    "sat": "Thứ Bảy",
    "sun": "Chủ nhật",
}


def fmt_hours(hours: tuple[str, ...], source: str) -> str:
    """'Thứ Ba 17:30–20:30; Thứ Bảy 08:00–11:00 (máy báo về)', or that none are registered."""
    if not hours:
        return "chưa đăng ký (tính theo ngày lịch)"
    text = "; ".join(f"{_DAY_NAMES[h[:3]]} {h[4:].replace('-', '–')}" for h in hours)
    return text + (" (máy báo về)" if source == "reported" else "")
