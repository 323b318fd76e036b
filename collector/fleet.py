"""The fleet as IT sees it: every kiosk per help point and ward, its last contact, versions,
health and alarms — shared by the "Máy trạm" dashboard page and `dvc-collector kiosks`.

An alarm is a code and one Vietnamese sentence that says what to do. The rules:

- silent: no contact during 3 of its help point's opening days (collector.opening_days);
- refused: the kiosk holds records the collector refused (its newest health report), or the
  upload refused records after that report (a kiosk too old to report health);
- wrong-identity: the kiosk's config names other ids than its token;
- disk: under 1 GB free; clock: more than 5 minutes off the collector's clock;
- catalog: an older catalog release than the newest one published;
- crash-loop: 3 or more unclean exits reported within the last hour;
- twin: heartbeats from two or more PCs (machine ids) on one token within TWIN_WINDOW, so
  two PCs would otherwise show as one and a dead twin would hide behind the live one.

Every time comparison goes through the `Clock` the caller passes (tests pin it).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine

from collector import db
from collector.fleet_store import stored_hours
from collector.opening_days import missed_opening_days
from collector.stats import VN_TZ, sort_key
from kiosk.clock import Clock
from kiosk.fleet_protocol import IDENTITY_REASONS, LEGACY_REJECTED

SILENT_OPENING_DAYS = 3
DISK_MIN_BYTES = 1_000_000_000  # 1 GB
CLOCK_MAX_OFFSET_S = 5 * 60
CRASH_LOOP_CRASHES = 3
CRASH_LOOP_WINDOW = timedelta(hours=1)
TWIN_WINDOW = timedelta(hours=24)

REASON_NAMES = {
    "wrong-kiosk": "mã máy sai",
    "wrong-help-point": "mã điểm sai",
    "invalid": "dữ liệu không hợp lệ",
    "conflict": "trùng mã bản ghi",
    "too-large": "bản ghi quá lớn",
    LEGACY_REJECTED: "bị từ chối",
}


@dataclass(frozen=True)
class Alarm:
    """Something IT must do about a kiosk: a stable code and one Vietnamese sentence."""

    code: str
    text: str


@dataclass
class KioskView:
    """One kiosk on the fleet page."""

    id: str
    name: str
    help_point_id: str
    revoked: bool
    last_contact: datetime | None  # naive UTC
    health: dict[str, Any] | None  # the newest report's columns, or None
    refused: int  # records the collector refused that the kiosk still holds
    refused_by_reason: dict[str, int]
    missed_opening_days: int
    machines: int = 0  # distinct PCs (machine ids) heard on this token within TWIN_WINDOW
    alarms: list[Alarm] = field(default_factory=list)


@dataclass
class PointView:
    """One help point with its kiosks."""

    id: str
    name: str
    ward: str
    opening_hours: tuple[str, ...]
    hours_source: str  # registered | reported | none
    kiosks: list[KioskView]


@dataclass
class Fleet:
    """Every help point that has kiosks, at one moment."""

    now: datetime  # naive UTC
    published_catalog: int | None
    points: list[PointView]

    def kiosks(self) -> list[KioskView]:
        """Every kiosk, in page order."""
        return [kiosk for point in self.points for kiosk in point.kiosks]

    def wards(self) -> list[tuple[str, list[PointView]]]:
        """Help points grouped by ward, in name order (as the main dashboard)."""
        grouped: dict[str, list[PointView]] = defaultdict(list)
        for point in self.points:
            grouped[point.ward].append(point)
        wards = sorted(grouped, key=lambda ward: (not ward.startswith("Phường"), sort_key(ward)))
        return [(ward, sorted(grouped[ward], key=lambda p: sort_key(p.name))) for ward in wards]

    def alarm_counts(self) -> dict[str, int]:
        """How many kiosks raise each alarm."""
        counts: dict[str, int] = defaultdict(int)
        for kiosk in self.kiosks():
            for alarm in kiosk.alarms:
                counts[alarm.code] += 1
        return dict(counts)

    def refused_kiosks(self) -> list[KioskView]:
        """Kiosks holding records the collector refused (the main dashboard lists them)."""
        return [k for k in self.kiosks() if k.refused > 0]


def fleet_view(engine: Engine, clock: Clock) -> Fleet:
    """Read every kiosk, its newest health and refusals, and raise its alarms."""
    now = clock.now().astimezone(UTC).replace(tzinfo=None)
    with engine.connect() as connection:
        return _build(connection, now)


def _build(connection: Connection, now: datetime) -> Fleet:
    points = {p.id: p for p in connection.execute(select(db.help_points)).all()}
    kiosks = connection.execute(select(db.kiosks).order_by(db.kiosks.c.id)).all()
    health = {
        row.kiosk_id: dict(row._mapping) for row in connection.execute(select(db.kiosk_health))
    }
    refusals: dict[str, list[Any]] = defaultdict(list)
    for row in connection.execute(select(db.upload_refusals)):
        refusals[row.kiosk_id].append(row)
    history = db.kiosk_health_history
    crashes = dict(
        connection.execute(
            select(history.c.kiosk_id, func.sum(history.c.crashes))
            .where(history.c.received_at >= now - CRASH_LOOP_WINDOW)
            .group_by(history.c.kiosk_id)
        ).all()
    )
    machines: dict[str, int] = dict(
        connection.execute(
            select(history.c.kiosk_id, func.count(func.distinct(history.c.machine_id)))
            .where(history.c.received_at >= now - TWIN_WINDOW, history.c.machine_id.is_not(None))
            .group_by(history.c.kiosk_id)
        ).all()
    )
    published = connection.execute(select(func.max(db.catalog_releases.c.version))).scalar()

    by_point: dict[str, list[Any]] = defaultdict(list)
    for kiosk in kiosks:
        by_point[kiosk.help_point_id].append(kiosk)
    views: list[PointView] = []
    for point_id, members in by_point.items():
        point = points[point_id]
        hours, source = _effective_hours(point, [health.get(k.id) for k in members])
        views.append(
            PointView(
                id=point.id,
                name=point.name,
                ward=point.ward,
                opening_hours=hours,
                hours_source=source,
                kiosks=[
                    _kiosk_view(
                        kiosk,
                        health.get(kiosk.id),
                        refusals.get(kiosk.id, []),
                        int(crashes.get(kiosk.id) or 0),
                        int(machines.get(kiosk.id) or 0),
                        hours,
                        published,
                        now,
                    )
                    for kiosk in members
                ],
            )
        )
    return Fleet(now=now, published_catalog=published, points=views)


def _effective_hours(
    point: Any, reports: list[dict[str, Any] | None]
) -> tuple[tuple[str, ...], str]:
    """Registered hours; else the newest a kiosk of the point reported; else none."""
    registered = stored_hours(point.opening_hours)
    if registered:
        return registered, "registered"
    newest = max(
        (r for r in reports if r is not None and stored_hours(r["opening_hours"])),
        key=lambda r: r["received_at"],
        default=None,
    )
    if newest is not None:
        return stored_hours(newest["opening_hours"]), "reported"
    return (), "none"


def _kiosk_view(
    kiosk: Any,
    health: dict[str, Any] | None,
    refusals: list[Any],
    recent_crashes: int,
    machines: int,
    hours: tuple[str, ...],
    published: int | None,
    now: datetime,
) -> KioskView:
    contacts = [t for t in (kiosk.last_seen_at, health and health["received_at"]) if t]
    last_contact = max(contacts) if contacts else None
    last_refusal = max((r.last_at for r in refusals), default=None)
    if health is not None and (last_refusal is None or health["received_at"] >= last_refusal):
        reasons = {k: int(v) for k, v in json.loads(health["parked_by_reason"] or "{}").items()}
        refused = int(health["parked"])
    else:
        reasons = {r.reason: int(r.count) for r in refusals}
        refused = sum(reasons.values())
    missed = missed_opening_days(
        last_contact or kiosk.created_at, now, hours, stop_at=SILENT_OPENING_DAYS + 30
    )
    view = KioskView(
        id=kiosk.id,
        name=kiosk.name,
        help_point_id=kiosk.help_point_id,
        revoked=kiosk.revoked_at is not None,
        last_contact=last_contact,
        health=health,
        refused=refused,
        refused_by_reason={k: v for k, v in reasons.items() if v},
        missed_opening_days=missed,
        machines=machines,
    )
    if not view.revoked:
        view.alarms = _alarms(view, recent_crashes, published)
    return view


def _gb(value: int) -> str:
    return f"{value / 1e9:.1f}".replace(".", ",")


def _alarms(kiosk: KioskView, recent_crashes: int, published: int | None) -> list[Alarm]:
    alarms: list[Alarm] = []
    health = kiosk.health
    if kiosk.missed_opening_days >= SILENT_OPENING_DAYS:
        alarms.append(
            Alarm(
                "silent",
                f"Không nhận được tin từ máy trong {kiosk.missed_opening_days} ngày mở cửa gần "
                "đây: nhờ người trực ở điểm kiểm tra máy có bật và có mạng không, rồi chạy "
                "dvc-kiosk sync trên máy.",
            )
        )
    if health is not None and (
        health["configured_kiosk_id"] != kiosk.id
        or health["configured_help_point_id"] != kiosk.help_point_id
    ):
        alarms.append(
            Alarm(
                "wrong-identity",
                f"Cấu hình trên máy ghi mã máy {health['configured_kiosk_id']} tại điểm "
                f"{health['configured_help_point_id']}, khác với token ({kiosk.id} tại "
                f"{kiosk.help_point_id}): chạy lại dvc-kiosk provision trên máy này.",
            )
        )
    if kiosk.refused > 0:
        identity = sum(n for r, n in kiosk.refused_by_reason.items() if r in IDENTITY_REASONS)
        names = ", ".join(
            f"{REASON_NAMES.get(reason, reason)}: {count}"
            for reason, count in sorted(kiosk.refused_by_reason.items())
        )
        if identity:
            text = (
                f"Máy chủ đã từ chối {kiosk.refused} bản ghi của máy ({names}): chạy lại "
                "dvc-kiosk provision trên máy này, các bản ghi đang được giữ sẽ tự gửi lại."
            )
        else:
            text = (
                f"Máy chủ đã từ chối {kiosk.refused} bản ghi của máy ({names}): chạy "
                "dvc-kiosk status trên máy và gửi kết quả cho nhóm phát triển; các bản ghi "
                "vẫn được giữ trên máy."
            )
        alarms.append(Alarm("refused", text))
    if health is not None:
        free = health["disk_free_bytes"]
        if free is not None and free < DISK_MIN_BYTES:
            alarms.append(
                Alarm(
                    "disk",
                    f"Ổ đĩa của máy chỉ còn {_gb(free)} GB trống: xóa bớt tệp không cần trên "
                    "máy hoặc thay ổ lớn hơn trước khi máy không ghi được nữa.",
                )
            )
        offset = health["clock_offset_seconds"]
        if offset is not None and abs(offset) > CLOCK_MAX_OFFSET_S:
            way = "nhanh" if offset > 0 else "chậm"
            alarms.append(
                Alarm(
                    "clock",
                    f"Đồng hồ của máy chạy {way} {round(abs(offset) / 60)} phút so với máy chủ: "
                    "chỉnh lại ngày giờ và bật đồng bộ giờ tự động trên máy.",
                )
            )
        if published is not None and int(health["catalog_version"]) < published:
            alarms.append(
                Alarm(
                    "catalog",
                    f"Máy đang dùng danh mục phiên bản {health['catalog_version']}, cũ hơn bản "
                    f"quận đã phát hành ({published}): kiểm tra máy có mạng và có khóa công "
                    "khai của quận (xem dvc-kiosk status).",
                )
            )
    if kiosk.machines >= 2:
        alarms.append(
            Alarm(
                "twin",
                f"Một token đang được dùng trên {kiosk.machines} máy tính khác nhau (trong 24 "
                "giờ qua), nên trang này gộp chúng làm một: cấp token mới cho từng máy "
                "(dvc-collector kiosk add), chạy dvc-kiosk provision trên máy đó, rồi thu hồi "
                "token cũ nếu không còn máy nào dùng.",
            )
        )
    if recent_crashes >= CRASH_LOOP_CRASHES:
        alarms.append(
            Alarm(
                "crash-loop",
                f"Chương trình trên máy bị dừng đột ngột {recent_crashes} lần trong giờ qua: "
                "gửi tệp faults.log và kiosk.log của máy cho nhóm phát triển.",
            )
        )
    return alarms


def local_time(moment: datetime | None) -> str:
    """'14:05 ngày 3/12/2026' in Vietnam time, or 'chưa bao giờ'."""
    if moment is None:
        return "chưa bao giờ"
    local = moment.replace(tzinfo=UTC).astimezone(VN_TZ)
    return f"{local.hour:02d}:{local.minute:02d} ngày {local.day}/{local.month}/{local.year}"


def fmt_disk(value: int | None) -> str:
    """'12,3 GB' (decimal, as disks are sold) or '—'."""
    return "—" if value is None else f"{value / 1e9:.1f} GB".replace(".", ",")


def fmt_uptime(seconds: int | None) -> str:
    """'2 ngày 3 giờ', '45 phút' or '—'."""
    if seconds is None:
        return "—"
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    if days:
        return f"{days} ngày {hours} giờ"
    if hours:
        return f"{hours} giờ {rest // 60} phút"
    return f"{rest // 60} phút"


def fmt_offset(seconds: int | None) -> str:
    """'đúng giờ', 'nhanh 10 phút', 'chậm 45 giây' or '—'."""
    if seconds is None:
        return "—"
    if abs(seconds) < 30:
        return "đúng giờ"
    way = "nhanh" if seconds > 0 else "chậm"
    size = abs(seconds)
    amount = f"{round(size / 60)} phút" if size >= 90 else f"{size} giây"
    return f"{way} {amount}"


def _iso(moment: datetime | None) -> str | None:
    return moment.replace(tzinfo=UTC).isoformat(timespec="seconds") if moment else None


def fleet_json(fleet: Fleet) -> dict[str, Any]:
    """The fleet as `dvc-collector kiosks --json` prints it."""
    return {
        "generated_at": _iso(fleet.now),
        "published_catalog_version": fleet.published_catalog,
        "alarm_counts": fleet.alarm_counts(),
        "help_points": [
            {
                "id": point.id,
                "name": point.name,
                "ward": point.ward,
                "opening_hours": list(point.opening_hours),
                "opening_hours_source": point.hours_source,
                "kiosks": [_kiosk_json(kiosk) for kiosk in point.kiosks],
            }
            for _ward, points in fleet.wards()
            for point in points
        ],
    }


def _kiosk_json(kiosk: KioskView) -> dict[str, Any]:
    health = kiosk.health
    report = None
    if health is not None:
        report = {
            key: health[key]
            for key in (
                "kind",
                "app_version",
                "catalog_version",
                "disk_free_bytes",
                "unsynced",
                "parked",
                "restarts",
                "crashes",
                "errors",
                "clock_offset_seconds",
                "uptime_seconds",
                "screen_width",
                "screen_height",
                "kiosk_mode",
                "configured_kiosk_id",
                "configured_help_point_id",
            )
        }
        report["received_at"] = _iso(health["received_at"])
        report["parked_by_reason"] = json.loads(health["parked_by_reason"] or "{}")
    return {
        "id": kiosk.id,
        "name": kiosk.name,
        "revoked": kiosk.revoked,
        "last_contact_at": _iso(kiosk.last_contact),
        "missed_opening_days": kiosk.missed_opening_days,
        "machines": kiosk.machines,
        "refused_records": kiosk.refused,
        "refused_by_reason": kiosk.refused_by_reason,
        "health": report,
        "alarms": [{"code": a.code, "text": a.text} for a in kiosk.alarms],
    }
