"""The numbers district officials look at, shared by the dashboard and `dvc-collector stats`.

Days are counted in Ho Chi Minh City time (UTC+7, no daylight saving), because "yesterday"
means the residents' yesterday. The counts come from the per-day aggregates kept at ingest
(collector/aggregates.py), so a page costs the same at 5 million sessions as at 5 thousand.
A session from a kiosk whose clock was wrong counts on the day the collector received it
(collector/session_time.py); the aggregates are kept by that rule. Volunteers' content reports
are few next to sessions: the database groups them from their own table, with a LIMIT on the
lines shown.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import DateTime, func, literal_column, select
from sqlalchemy.engine import Connection, Engine

from collector import aggregates, db
from collector.aggregates import VN_TZ
from kiosk.clock import SYSTEM_CLOCK
from kiosk.protocol import EndReason, Outcome

SILENT_AFTER = timedelta(days=3)
# Content reports stay on the dashboard longer than the usage window: re-checking a fact
# and publishing a new catalog can take the district weeks.
REPORT_WINDOW = timedelta(days=90)
REPORT_LINES = 50  # the most reported steps; the page says when there are more


def sort_key(text: str) -> str:
    """Vietnamese alphabetical order, near enough: letters without tone marks, Đ as D."""
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


local_day = aggregates.local_day


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
    last_at: datetime  # naive UTC, the newest report (its receipt if its clock was wrong)
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
    more_content_reports: bool = False  # more steps were reported than REPORT_LINES

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
    now = now or SYSTEM_CLOCK.now()
    today = now.astimezone(VN_TZ).date()
    day_list = [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    index = {day: i for i, day in enumerate(day_list)}
    with engine.connect() as connection:
        points = connection.execute(select(db.help_points)).all()
        kiosk_rows = connection.execute(
            select(db.kiosks.c.help_point_id, db.kiosks.c.last_seen_at).where(
                db.kiosks.c.revoked_at.is_(None)
            )
        ).all()
        counts = aggregates.window_counts(connection, day_list[0], day_list[-1])
        reports, more_reports = _report_lines(
            connection, now.astimezone(UTC).replace(tzinfo=None) - REPORT_WINDOW
        )

    per_point: dict[str, list[int]] = defaultdict(lambda: [0] * days)
    per_day_total = [0] * days
    for point_id, day, count in counts["per_point_day"]:
        per_point[point_id][index[day]] += count
        per_day_total[index[day]] += count
    outcome_counts = Counter(counts["marks"])
    end_reasons = Counter(counts["end_reasons"])

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
        top_procedures=counts["procedures"],
        sessions_total=counts["sessions"],
        with_procedure=counts["with_procedure"],
        completed=counts["completed"],
        outcome_counts={o.value: outcome_counts.get(o.value, 0) for o in Outcome},
        end_reasons={e.value: end_reasons.get(e.value, 0) for e in EndReason},
        content_reports=reports,
        more_content_reports=more_reports,
    )


def _report_lines(connection: Connection, since: datetime) -> tuple[list[ContentReportLine], bool]:
    """Reports since `since` grouped per procedure and step, the most reported (then the
    newest) first, at most REPORT_LINES of them; and whether more steps were reported.

    Two grouped queries with a LIMIT, whatever the table holds. A report counts at the time
    its kiosk gave, or at its receipt when that time is implausible (collector/session_time.py,
    the sessions' rule), so a kiosk whose clock ran years ahead cannot pin a line on top."""
    r, k = db.content_reports, db.kiosks
    counted = literal_column(
        aggregates.counted_at_sql(
            connection.dialect.name, "content_reports.reported_at", "content_reports.received_at"
        ),
        DateTime(),
    )
    total = func.count().label("total")
    last = func.max(counted).label("last_at")
    tops = connection.execute(
        select(r.c.procedure_id, r.c.step, total, last, func.max(r.c.catalog_version))
        .where(counted >= since)
        .group_by(r.c.procedure_id, r.c.step)
        .order_by(total.desc(), last.desc(), r.c.procedure_id, r.c.step)
        .limit(REPORT_LINES + 1)
    ).all()
    more = len(tops) > REPORT_LINES
    lines = {
        (row[0], row[1]): ContentReportLine(row[0], row[1], {}, row[2], row[3], row[4], [])
        for row in tops[:REPORT_LINES]
    }
    if not lines:
        return [], more
    details = connection.execute(
        select(r.c.procedure_id, r.c.step, r.c.reason, k.c.help_point_id, func.count())
        .join(k, k.c.id == r.c.kiosk_id)
        .where(counted >= since, r.c.procedure_id.in_(sorted({p for p, _ in lines})))
        .group_by(r.c.procedure_id, r.c.step, r.c.reason, k.c.help_point_id)
    ).all()
    for procedure_id, step, reason, help_point_id, count in details:
        line = lines.get((procedure_id, step))
        if line is None:
            continue  # another step of a listed procedure, below the cut
        line.reasons[reason] = line.reasons.get(reason, 0) + count
        if help_point_id not in line.help_points:
            line.help_points.append(help_point_id)
    for line in lines.values():
        line.help_points.sort()
    return list(lines.values()), more


# The newest release's step titles, read once per release: (version, signature) -> titles.
_titles_cache: dict[tuple[int, str], dict[tuple[str, int], str]] = {}


def step_titles(engine: Engine, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Vietnamese titles of procedure steps (as the kiosk numbers them, shared pieces
    expanded) from the newest published catalog; pairs it cannot place are omitted.

    A release never changes once published, so its titles are worked out once per process
    (its TOML files written to a temporary folder and loaded as a kiosk would) and kept."""
    if not wanted:
        return {}
    releases = db.catalog_releases
    with engine.connect() as connection:
        newest = connection.execute(
            select(releases.c.version, releases.c.signature)
            .order_by(releases.c.version.desc())
            .limit(1)
        ).first()
        if newest is None:
            return {}
        key = (int(newest.version), str(newest.signature))
        titles = _titles_cache.get(key)
        if titles is None:
            files = db.catalog_files
            rows = connection.execute(
                select(files.c.name, files.c.data).where(
                    files.c.version == newest.version, files.c.name.like("%.toml")
                )
            ).all()
            titles = _all_step_titles(rows)
            _titles_cache.clear()  # only the newest release is ever asked about
            _titles_cache[key] = titles
    return {place: titles[place] for place in wanted if place in titles}


def _all_step_titles(rows: Sequence[Any]) -> dict[tuple[str, int], str]:
    import tempfile
    from pathlib import Path

    from kiosk.catalog.loader import CatalogError, load_catalog

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
    return {
        (procedure_id, number): step.title.vi
        for procedure_id, procedure in catalog.procedures.items()
        for number, step in enumerate(procedure.steps, start=1)
    }


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
    with engine.connect() as connection:
        per_point, per_kiosk = aggregates.all_time_counts(connection)
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
