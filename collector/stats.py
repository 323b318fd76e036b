"""The numbers district officials look at, shared by the dashboard and `dvc-collector stats`.

Days are counted in Ho Chi Minh City time (UTC+7, no daylight saving), because "yesterday"
means the residents' yesterday. Only the last weeks are loaded, so Python-side grouping stays
cheap and identical on SQLite and PostgreSQL.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from collector import db
from kiosk.protocol import EndReason, Outcome

VN_TZ = timezone(timedelta(hours=7), "ICT")
SILENT_AFTER = timedelta(days=3)
# Content reports stay on the dashboard longer than the usage window: re-checking a fact
# and publishing a new catalog can take the district weeks.
REPORT_WINDOW = timedelta(days=90)


def sort_key(text: str) -> str:
    """Vietnamese alphabetical order, near enough: letters without tone marks, Đ as D."""
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def local_day(moment_utc_naive: datetime) -> date:
    """The calendar day in Ho Chi Minh City of a stored (naive UTC) time."""
    return moment_utc_naive.replace(tzinfo=UTC).astimezone(VN_TZ).date()


@dataclass
class HelpPointView:
    """One help point on the dashboard: its days, its kiosks' silence, its ward."""

    id: str
    name: str
    ward: str
    registered: bool
    per_day: list[int]
    total: int
    kiosk_count: int
    last_seen: datetime | None  # naive UTC, newest of its kiosks
    silent: bool


@dataclass
class ContentReportLine:
    """The volunteers' "Báo nội dung sai" for one step of one procedure (0 = its overview)."""

    procedure_id: str
    step: int
    reasons: dict[str, int]  # ContentProblem value -> how many reports
    total: int
    last_at: datetime  # naive UTC, the newest report
    catalog_version: int  # the newest catalog version a report was made against
    help_points: list[str]  # ids of the help points whose kiosks reported it


@dataclass
class Dashboard:
    """Everything the dashboard page shows, computed in one pass."""

    now: datetime
    days: list[date]
    help_points: list[HelpPointView]
    per_day_total: list[int]
    top_procedures: list[tuple[str | None, int]]
    sessions_total: int
    with_procedure: int
    completed: int
    outcome_counts: dict[str, int] = field(default_factory=dict)
    end_reasons: dict[str, int] = field(default_factory=dict)  # EndReason value -> sessions
    content_reports: list[ContentReportLine] = field(default_factory=list)

    @property
    def completion_rate(self) -> float:
        """Share of sessions with a procedure that reached its last step."""
        return self.completed / self.with_procedure if self.with_procedure else 0.0

    def outcome_rate(self, outcome: str) -> float:
        """Share of the window's sessions whose newest mark is `outcome`."""
        return (
            self.outcome_counts.get(outcome, 0) / self.sessions_total
            if self.sessions_total
            else 0.0
        )

    def wards(self) -> list[tuple[str, list[HelpPointView]]]:
        """Help points grouped by ward, wards and points in name order."""
        grouped: dict[str, list[HelpPointView]] = defaultdict(list)
        for point in self.help_points:
            grouped[point.ward].append(point)
        wards = sorted(grouped, key=lambda ward: (not ward.startswith("Phường"), sort_key(ward)))
        return [(ward, sorted(grouped[ward], key=lambda p: sort_key(p.name))) for ward in wards]


def dashboard(engine: Engine, now: datetime | None = None, days: int = 14) -> Dashboard:
    """Compute the dashboard for the `days` calendar days ending today (Vietnam time)."""
    now = now or datetime.now(UTC)
    today = now.astimezone(VN_TZ).date()
    day_list = [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    window_start = (
        datetime.combine(day_list[0], datetime.min.time(), VN_TZ)
        .astimezone(UTC)
        .replace(tzinfo=None)
    )
    index = {day: i for i, day in enumerate(day_list)}
    s = db.sessions
    with engine.connect() as connection:
        points = connection.execute(select(db.help_points)).all()
        kiosk_rows = connection.execute(
            select(db.kiosks.c.help_point_id, db.kiosks.c.last_seen_at).where(
                db.kiosks.c.revoked_at.is_(None)
            )
        ).all()
        rows = connection.execute(
            select(
                s.c.uuid,
                s.c.help_point_id,
                s.c.started_at,
                s.c.procedure_id,
                s.c.furthest_step,
                s.c.step_count,
                s.c.end_reason,
            ).where(s.c.started_at >= window_start)
        ).all()
        r = db.content_reports
        reports = connection.execute(
            select(
                r.c.procedure_id,
                r.c.step,
                r.c.reason,
                r.c.reported_at,
                r.c.catalog_version,
                db.kiosks.c.help_point_id,
            )
            .join(db.kiosks, db.kiosks.c.id == r.c.kiosk_id)
            .where(r.c.reported_at >= now.astimezone(UTC).replace(tzinfo=None) - REPORT_WINDOW)
        ).all()
        marks = connection.execute(
            select(
                db.outcomes.c.session_uuid,
                db.outcomes.c.outcome,
                db.outcomes.c.marked_at,
                db.outcomes.c.uuid,
            )
            .join(s, s.c.uuid == db.outcomes.c.session_uuid)
            .where(s.c.started_at >= window_start)
        ).all()

    per_point: dict[str, list[int]] = defaultdict(lambda: [0] * days)
    per_day_total = [0] * days
    procedures: Counter[str | None] = Counter()
    end_reasons: Counter[str] = Counter()
    with_procedure = completed = 0
    for row in rows:
        slot = index.get(local_day(row.started_at))
        if slot is None:
            continue  # started "tomorrow" by a kiosk whose clock runs ahead
        end_reasons[row.end_reason] += 1
        per_point[row.help_point_id][slot] += 1
        per_day_total[slot] += 1
        procedures[row.procedure_id] += 1
        if row.procedure_id is not None and row.step_count > 0:
            with_procedure += 1
            if row.furthest_step >= row.step_count:
                completed += 1
    # The newest mark for a session wins (ties broken by uuid so every run agrees).
    newest: dict[str, tuple[datetime, str, str]] = {}
    for mark in marks:
        key = (mark.marked_at, mark.uuid, mark.outcome)
        if mark.session_uuid not in newest or key > newest[mark.session_uuid]:
            newest[mark.session_uuid] = key
    outcome_counts = Counter(value[2] for value in newest.values())

    last_seen: dict[str, datetime | None] = {}
    kiosk_count: Counter[str] = Counter()
    for kiosk in kiosk_rows:
        kiosk_count[kiosk.help_point_id] += 1
        previous = last_seen.get(kiosk.help_point_id)
        if kiosk.last_seen_at is not None and (previous is None or kiosk.last_seen_at > previous):
            last_seen[kiosk.help_point_id] = kiosk.last_seen_at
        else:
            last_seen.setdefault(kiosk.help_point_id, previous)
    now_naive = now.astimezone(UTC).replace(tzinfo=None)

    views: list[HelpPointView] = []
    known = {point.id for point in points}
    for point in points:
        seen = last_seen.get(point.id)
        views.append(
            HelpPointView(
                id=point.id,
                name=point.name,
                ward=point.ward,
                registered=True,
                per_day=per_point.get(point.id, [0] * days),
                total=sum(per_point.get(point.id, [])),
                kiosk_count=kiosk_count[point.id],
                last_seen=seen,
                silent=kiosk_count[point.id] > 0
                and (seen is None or now_naive - seen > SILENT_AFTER),
            )
        )
    for point_id in sorted(set(per_point) - known):
        views.append(
            HelpPointView(
                id=point_id,
                name=point_id,
                ward="(chưa đăng ký)",
                registered=False,
                per_day=per_point[point_id],
                total=sum(per_point[point_id]),
                kiosk_count=0,
                last_seen=None,
                silent=False,
            )
        )
    return Dashboard(
        now=now_naive,
        days=day_list,
        help_points=views,
        per_day_total=per_day_total,
        top_procedures=procedures.most_common(10),
        sessions_total=len(rows),
        with_procedure=with_procedure,
        completed=completed,
        outcome_counts={o.value: outcome_counts.get(o.value, 0) for o in Outcome},
        end_reasons={e.value: end_reasons.get(e.value, 0) for e in EndReason},
        content_reports=_report_lines(reports),
    )


def _report_lines(reports: Sequence[Any]) -> list[ContentReportLine]:
    """Reports grouped per procedure and step, the most reported (then the newest) first."""
    lines: dict[tuple[str, int], ContentReportLine] = {}
    for report in reports:
        key = (report.procedure_id, report.step)
        line = lines.get(key)
        if line is None:
            line = lines[key] = ContentReportLine(
                report.procedure_id, report.step, {}, 0, report.reported_at, 0, []
            )
        line.reasons[report.reason] = line.reasons.get(report.reason, 0) + 1
        line.total += 1
        line.last_at = max(line.last_at, report.reported_at)
        line.catalog_version = max(line.catalog_version, report.catalog_version)
        if report.help_point_id not in line.help_points:
            line.help_points.append(report.help_point_id)
    ordered = sorted(lines.values(), key=lambda line: line.last_at, reverse=True)
    return sorted(ordered, key=lambda line: line.total, reverse=True)


def step_titles(engine: Engine, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Vietnamese titles of procedure steps (as the kiosk numbers them, shared pieces
    expanded) from the newest published catalog; pairs it cannot place are omitted."""
    if not wanted:
        return {}
    import tempfile
    from pathlib import Path

    from kiosk.catalog.loader import CatalogError, load_catalog

    files = db.catalog_files
    newest = select(func.max(db.catalog_releases.c.version)).scalar_subquery()
    with engine.connect() as connection:
        rows = connection.execute(
            select(files.c.name, files.c.data).where(files.c.version == newest)
        ).all()
    if not rows:
        return {}
    with tempfile.TemporaryDirectory(prefix="dvc-release-") as folder:
        root = Path(folder) / "catalog"
        for row in rows:  # names were checked when the release was published
            target = root / row.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bytes(row.data))
        try:
            catalog = load_catalog(root, images_dir=Path(folder) / "no-images")
        except CatalogError:
            return {}
    titles: dict[tuple[str, int], str] = {}
    for procedure_id, step in wanted:
        procedure = catalog.procedures.get(procedure_id)
        if procedure is not None and 1 <= step <= len(procedure.steps):
            titles[(procedure_id, step)] = procedure.steps[step - 1].title.vi
    return titles


def procedure_names(engine: Engine, ids: list[str]) -> dict[str, str]:
    """Vietnamese names of procedures from the newest published catalog (missing ids omitted)."""
    if not ids:
        return {}
    files = db.catalog_files
    newest = select(func.max(db.catalog_releases.c.version)).scalar_subquery()
    wanted = {f"procedures/{procedure_id}.toml": procedure_id for procedure_id in ids}
    with engine.connect() as connection:
        rows = connection.execute(
            select(files.c.name, files.c.data).where(
                files.c.version == newest, files.c.name.in_(sorted(wanted))
            )
        ).all()
    names: dict[str, str] = {}
    for row in rows:
        try:
            name = tomllib.loads(bytes(row.data).decode("utf-8")).get("name", {}).get("vi")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError):
            continue  # a broken file only costs the pretty name
        if isinstance(name, str) and name.strip():
            names[wanted[row.name]] = name.strip()
    return names


def summary(engine: Engine) -> dict[str, Any]:
    """All-time sessions per help point and per kiosk, and when each kiosk was last heard from."""
    s = db.sessions
    with engine.connect() as connection:
        per_point: dict[str, int] = dict(
            connection.execute(
                select(s.c.help_point_id, func.count()).group_by(s.c.help_point_id)
            ).all()
        )
        per_kiosk: dict[str, int] = dict(
            connection.execute(select(s.c.kiosk_id, func.count()).group_by(s.c.kiosk_id)).all()
        )
        points = connection.execute(
            select(db.help_points).order_by(db.help_points.c.ward, db.help_points.c.id)
        ).all()
        kiosk_rows = connection.execute(select(db.kiosks).order_by(db.kiosks.c.id)).all()
    return {
        "help_points": [
            {"id": p.id, "name": p.name, "ward": p.ward, "sessions": per_point.pop(p.id, 0)}
            for p in points
        ]
        + [
            {"id": point_id, "name": None, "ward": None, "sessions": count}
            for point_id, count in sorted(per_point.items())
        ],
        "kiosks": [
            {
                "id": k.id,
                "name": k.name,
                "help_point_id": k.help_point_id,
                "sessions": per_kiosk.get(k.id, 0),
                "last_seen_at": _iso(k.last_seen_at),
                "revoked": k.revoked_at is not None,
            }
            for k in kiosk_rows
        ],
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.replace(tzinfo=UTC).isoformat(timespec="seconds") if moment else None
