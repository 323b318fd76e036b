"""The portal view's Qt-free rules (kiosk/portal.py): the allow-list, the test origin, the page
a procedure opens on, file names, the upload picker's files, session folders, usage counting."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import PortalHostRole
from kiosk.clock import FixedClock
from kiosk.paths import resources_dir
from kiosk.portal import (
    AllowList,
    LoopbackOrigin,
    PickableFile,
    PortalUsage,
    ScanCleanup,
    Verdict,
    accepts,
    clean_scans,
    display_host,
    host_problem,
    is_inside,
    is_payment_page,
    is_secure,
    leftover_run_folders,
    new_run_folder,
    new_session_folder,
    pickable_files,
    portal_page,
    read_scan_problem,
    removable_media,
    remove_portal_folder,
    safe_file_name,
    scans_to_delete,
    session_scans,
    unique_path,
    upload_choices,
    working_payment_ways,
    write_scan_problem,
)
from tests.disk_faults import undeletable

ROLE = PortalHostRole
ALLOW = AllowList(["dichvucong.gov.vn", "*.dichvucong.gov.vn", "pay.vnpay.vn"])


@pytest.mark.parametrize(
    ("host", "role", "ok"),
    [
        ("dichvucong.gov.vn", ROLE.PORTAL, True),
        ("*.dichvucong.gov.vn", ROLE.PORTAL, True),
        ("pay.vnpay.vn", ROLE.PAYMENT_GATEWAY, True),
        ("pay.vnpay.vn", ROLE.PORTAL, False),  # only a gateway may be outside *.gov.vn
        ("*.gov.vn", ROLE.PORTAL, False),  # a wildcard over every government site
        ("*.vnpay.vn", ROLE.PAYMENT_GATEWAY, False),  # no wildcard outside *.gov.vn
        ("https://dichvucong.gov.vn", ROLE.PORTAL, False),
        ("dichvucong.gov.vn/p/home", ROLE.PORTAL, False),
        ("dichvucong.gov.vn:443", ROLE.PORTAL, False),
        ("DichVuCong.gov.vn", ROLE.PORTAL, False),
        ("10.0.0.1", ROLE.PAYMENT_GATEWAY, False),
    ],
)
def test_an_allow_list_entry_is_a_bare_host_and_only_gateways_leave_gov_vn(
    host: str, role: PortalHostRole, ok: bool
) -> None:
    """Exact hosts or '*.<portal>.gov.vn'; never a scheme, port, path, IP or upper case."""
    assert (host_problem(host, role) is None) is ok


@pytest.mark.parametrize(
    ("url", "verdict"),
    [
        ("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", Verdict.ALLOWED),
        ("https://lienthong.dichvucong.gov.vn/x", Verdict.ALLOWED),
        ("https://pay.vnpay.vn/vpcpay.html?vnp_Amount=1", Verdict.ALLOWED),
        ("https://DICHVUCONG.GOV.VN./p", Verdict.ALLOWED),
        ("http://dichvucong.gov.vn/", Verdict.NOT_HTTPS),
        ("https://dichvucong.gov.vn:8443/", Verdict.NOT_HTTPS),
        ("https://dichvucong.gov.vn.evil.example/", Verdict.FOREIGN_HOST),
        ("https://dichvucong.gov.vn@evil.example/", Verdict.FOREIGN_HOST),
        ("https://gov.vn/", Verdict.FOREIGN_HOST),
        ("https://sandbox.vnpayment.vn/", Verdict.FOREIGN_HOST),
        ("http://127.0.0.1:8765/", Verdict.FOREIGN_HOST),  # no test origin in this list
        ("view-source:https://dichvucong.gov.vn/", Verdict.NOT_A_WEB_ADDRESS),
        ("file:///etc/passwd", Verdict.NOT_A_WEB_ADDRESS),
        ("chrome://settings", Verdict.NOT_A_WEB_ADDRESS),
        ("devtools://devtools/bundled/inspector.html", Verdict.NOT_A_WEB_ADDRESS),
        ("about:blank", Verdict.INTERNAL),
        ("data:image/png;base64,AAAA", Verdict.INTERNAL),
        ("blob:https://dichvucong.gov.vn/8e3c", Verdict.INTERNAL),
        ("blob:https://evil.example/8e3c", Verdict.FOREIGN_HOST),
        ("https://[::1", Verdict.NOT_A_WEB_ADDRESS),
    ],
)
def test_the_allow_list_allows_https_on_its_hosts_only(url: str, verdict: Verdict) -> None:
    """Every address gets one verdict; look-alike hosts, other ports and schemes are out."""
    assert ALLOW.verdict(url) is verdict


def test_a_test_origin_is_loopback_only_and_matched_with_its_port() -> None:
    """Only test configuration adds one; it allows exactly its scheme, host and port."""
    origin = LoopbackOrigin.parse("http://127.0.0.1:8765")
    allow = AllowList(["dichvucong.gov.vn"], origin)
    assert allow.verdict("http://127.0.0.1:8765/login") is Verdict.ALLOWED
    assert allow.verdict("http://127.0.0.1:8766/login") is Verdict.FOREIGN_HOST
    assert allow.verdict("https://127.0.0.1:8765/login") is Verdict.FOREIGN_HOST
    assert allow.for_test("https://dichvucong.gov.vn/p/x.html?ma=1") == (
        "http://127.0.0.1:8765/p/x.html?ma=1"
    )
    assert str(LoopbackOrigin.parse("http://[::1]:9000")) == "http://[::1]:9000"
    for bad in ("http://example.com:80", "http://127.0.0.1", "ftp://127.0.0.1:21",
                "http://127.0.0.1:8765/path", "http://127.0.0.1:99999"):  # fmt: skip
        with pytest.raises(ValueError):
            LoopbackOrigin.parse(bad)


def test_a_procedure_opens_on_its_first_allowed_portal() -> None:
    """The first of the procedure's portals whose page is allowed (one not on the list is
    skipped); with a test origin, that page moved onto it."""
    catalog = load_catalog(resources_dir() / "catalog")
    procedure = catalog.procedures["dang-ky-tam-tru"]
    allow = AllowList.from_catalog(catalog)
    assert portal_page(procedure, catalog, allow) == "https://dichvucong.gov.vn"
    police = catalog.procedures["cap-lai-ho-chieu"]  # portals: dvc-quoc-gia, dvc-bca
    assert portal_page(police, catalog, AllowList(["dichvucong.bocongan.gov.vn"])) == (
        "https://dichvucong.bocongan.gov.vn"
    )
    assert portal_page(procedure, catalog, AllowList([])) is None
    origin = LoopbackOrigin.parse("http://127.0.0.1:5000")
    moved = portal_page(procedure, catalog, AllowList.from_catalog(catalog, origin))
    assert moved == "http://127.0.0.1:5000/"


def test_every_catalog_portal_a_procedure_names_first_is_on_the_allow_list() -> None:
    """No procedure's button is silently missing: each opens on an allowed portal page
    (the shipped allow-list covers the portals the procedures name first)."""
    catalog = load_catalog(resources_dir() / "catalog")
    allow = AllowList.from_catalog(catalog)
    missing = [p.id for p in catalog.procedures.values() if portal_page(p, catalog, allow) is None]
    assert missing == []


def test_the_bar_shows_the_host_and_whether_it_is_secure() -> None:
    """Host (and a port that is not the default); secure means https."""
    assert display_host("https://dichvucong.gov.vn/p/home?x=1") == "dichvucong.gov.vn"
    assert display_host("http://127.0.0.1:8765/a") == "127.0.0.1:8765"
    assert display_host("about:blank") == ""
    assert is_secure("https://dichvucong.gov.vn/") and not is_secure("http://x.gov.vn/")


@pytest.mark.parametrize(
    ("suggested", "name"),
    [
        ("bien-lai.pdf", "bien-lai.pdf"),
        ("../../.bashrc", "bashrc"),
        ("C:\\Windows\\system.ini", "system.ini"),
        ("a\x00b\nc.pdf", "a_b_c.pdf"),
        ("...", "tai-ve"),
        ("", "tai-ve"),
        ("Biên lai nộp phí.pdf", "Biên lai nộp phí.pdf"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_a_download_gets_a_name_that_stays_in_its_folder(suggested: str, name: str) -> None:
    """No path, no control characters, no dot-files, not too long; the extension kept."""
    assert safe_file_name(suggested) == name


def test_a_second_download_of_the_same_name_does_not_overwrite(tmp_path: Path) -> None:
    """bien-lai.pdf, then bien-lai (2).pdf."""
    (tmp_path / "bien-lai.pdf").write_bytes(b"1")
    assert unique_path(tmp_path, "bien-lai.pdf").name == "bien-lai (2).pdf"
    assert unique_path(tmp_path, "moi.pdf").name == "moi.pdf"


def test_the_picker_offers_only_fitting_files_in_its_places(tmp_path: Path) -> None:
    """Files of the scan folder (two levels), newest first, of the kinds the field accepts;
    hidden files, deeper folders and links out of the folder are not offered."""
    scans = tmp_path / "scans"
    (scans / "2026" / "12" / "deep").mkdir(parents=True)
    (scans / "old.pdf").write_bytes(b"1")
    os.utime(scans / "old.pdf", (1_000_000_000, 1_000_000_000))
    (scans / "new.jpg").write_bytes(b"2")
    (scans / "2026" / "in-a-folder.png").write_bytes(b"3")
    (scans / "2026" / "12" / "deep" / "too-deep.pdf").write_bytes(b"4")
    (scans / ".hidden.pdf").write_bytes(b"5")
    (scans / "notes.txt").write_text("6")
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"7")
    (scans / "link.pdf").symlink_to(secret)
    found = pickable_files([scans], [".pdf", "image/*"])
    names = [f.path.name for f in found]
    assert set(names) == {"old.pdf", "new.jpg", "in-a-folder.png"}
    assert names[-1] == "old.pdf"
    assert all(f.place == scans for f in found)
    assert accepts("x.PDF", [".pdf"]) and not accepts("x.txt", ["image/*", ".pdf"])
    assert accepts("anything.bin", [])
    assert is_inside(scans / "new.jpg", [scans])
    assert not is_inside(scans / "link.pdf", [scans]), "a link out of the folder is refused"
    assert not is_inside(scans / ".." / "secret.pdf", [scans])


# ----- whose scans, and when they go (the injected clock; file times set to match) ----------
SESSION_START = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def scan(name: str, minutes_after_start: float, place: Path = Path("/srv/scans")) -> PickableFile:
    """A scan that arrived `minutes_after_start` (negative: before the session began)."""
    at = SESSION_START.timestamp() + minutes_after_start * 60
    return PickableFile(place / name, 1000, at, place)


def test_only_scans_that_arrived_since_the_session_began_are_offered_newest_first() -> None:
    """The earlier resident's ID card (scanned a minute before she began) is never offered;
    hers come newest first; a file dated in the future is not trusted to be hers."""
    clock = FixedClock(SESSION_START)
    clock.advance(20 * 60)
    files = [
        scan("cccd-nguoi-truoc.pdf", -1),
        scan("hop-dong-thue-nha-nguoi-truoc.pdf", -0.01),
        scan("cccd-mat-truoc.pdf", 3),
        scan("cccd-mat-sau.pdf", 4),
        scan("at-the-start.jpg", 0),
        scan("from-the-future.pdf", 60),
    ]
    offered = session_scans(files, SESSION_START, clock.now())
    assert [f.path.name for f in offered] == [
        "cccd-mat-sau.pdf",
        "cccd-mat-truoc.pdf",
        "at-the-start.jpg",
    ]
    assert session_scans(files, None, clock.now()) == [], "no resident session, no scans"


def test_the_picker_lists_her_scans_and_her_usb_stick_newest_first(tmp_path: Path) -> None:
    """On the disk: the scan folder filtered by the session, a USB stick as it is."""
    scans, stick = tmp_path / "scans", tmp_path / "usb"
    scans.mkdir()
    stick.mkdir()
    start = datetime(2026, 12, 8, 9, 0, tzinfo=UTC).timestamp()
    for folder, name, minutes in (
        (scans, "stranger.pdf", -5),
        (scans, "hers.pdf", 2),
        (stick, "from-home.jpg", -600),
        (stick, "photo.jpg", 1),
    ):
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (start + minutes * 60, start + minutes * 60))
    now = datetime.fromtimestamp(start + 600, UTC)
    since = datetime.fromtimestamp(start, UTC)
    names = [f.path.name for f in upload_choices(scans, [stick], [], since, now)]
    assert names == ["hers.pdf", "photo.jpg", "from-home.jpg"]


def test_at_session_end_every_scan_goes_and_during_a_session_only_older_ones() -> None:
    """Default rule: when her session ends the folder is emptied of what the picker could
    list (hers and any an earlier resident left); a sweep while she is here (start-up) takes
    only what came before her."""
    now = SESSION_START.replace(hour=10)
    files = [scan("old.pdf", -30), scan("hers.pdf", 5)]
    assert scans_to_delete(files, now, None, None) == [f.path for f in files]
    assert scans_to_delete(files, now, None, SESSION_START) == [files[0].path]


def test_after_n_minutes_scans_go_once_that_old_but_never_the_open_sessions_own() -> None:
    clock = FixedClock(SESSION_START)
    files = [scan("before-her.pdf", -20), scan("before-her-recent.pdf", -5), scan("hers.pdf", 1)]
    clock.advance(30 * 60)  # 09:30: the first is 50 min old, the second 35, hers 29
    assert scans_to_delete(files, clock.now(), 40, None) == [files[0].path]
    assert scans_to_delete(files, clock.now(), 10, SESSION_START) == [f.path for f in files[:2]]
    assert scans_to_delete(files, clock.now(), 10, None) == [f.path for f in files]


def test_cleaning_deletes_on_the_disk_and_counts_what_could_not_go(tmp_path: Path) -> None:
    """Deleted files are gone; a file that cannot be deleted is counted with the error's kind
    and a sentence for IT — never its name (a resident's name may be in it)."""
    scans = tmp_path / "scans"
    locked = scans / "locked"
    locked.mkdir(parents=True)
    (scans / "a.pdf").write_bytes(b"1")
    kept = locked / "nguyen-van-a-cccd.pdf"
    kept.write_bytes(b"2")
    with undeletable(kept):
        result = clean_scans(scans, SESSION_START, None, None)
    assert not (scans / "a.pdf").exists() and kept.exists()
    assert (result.deleted, result.failed) == (1, 1)
    assert result.error in ("PermissionError", "OSError")
    problem = result.problem(scans)
    assert problem is not None and "1 old scan(s)" in problem and "nguyen" not in problem
    assert ScanCleanup(3, 0, None).problem(scans) is None
    assert clean_scans(tmp_path / "missing", SESSION_START, None, None) == ScanCleanup(0, 0, None)


def test_a_scan_deletion_failure_is_kept_for_status_until_cleared(tmp_path: Path) -> None:
    assert read_scan_problem(tmp_path) is None
    write_scan_problem(tmp_path, "2 old scan(s) in /srv/scans could not be deleted", SESSION_START)
    kept = read_scan_problem(tmp_path)
    assert kept == {
        "at": "2026-12-08T09:00:00+00:00",
        "problem": "2 old scan(s) in /srv/scans could not be deleted",
    }
    write_scan_problem(tmp_path, None, SESSION_START)
    assert read_scan_problem(tmp_path) is None


def test_a_payment_page_is_known_by_the_catalogs_payment_hosts_and_names_the_working_ways() -> None:
    """PayGov and the gateways are payment pages; the portal is not; the ways that work are
    the catalog's gateways, by name, each once."""
    catalog = load_catalog(resources_dir() / "catalog")
    assert is_payment_page("https://pay.gov.vn/thanh-toan?ma=1", catalog)
    assert is_payment_page("https://pay.vnpay.vn/vpcpay.html", catalog)
    assert not is_payment_page("https://dichvucong.gov.vn/p/home", catalog)
    origin = LoopbackOrigin.parse("http://127.0.0.1:8765")
    assert is_payment_page("http://127.0.0.1:8765/thanh-toan", catalog, origin)
    assert not is_payment_page("http://127.0.0.1:8765/links", catalog, origin)
    gateways = [e for e in catalog.portal_hosts if e.role is PortalHostRole.PAYMENT_GATEWAY]
    ways = working_payment_ways(catalog, "vi")
    assert ways == list(dict.fromkeys(e.name.vi for e in gateways)) and "Ví MoMo" in ways
    assert "MoMo e-wallet" in working_payment_ways(catalog, "en")


def test_session_folders_live_in_this_runs_folder_and_leftovers_are_found(tmp_path: Path) -> None:
    """A run folder per kiosk process, a private session folder in it; earlier runs' folders
    are leftovers; deleting refuses anything that is not a portal folder under the root."""
    root = tmp_path / "portal"
    old_run = new_run_folder(root)
    new_session_folder(old_run)
    run = new_run_folder(root)
    session = new_session_folder(run)
    assert (session / "downloads").is_dir()
    if os.name == "posix":
        assert (session / "downloads").stat().st_mode & 0o077 == 0, "private to the kiosk user"
    assert leftover_run_folders(root, run) == [old_run]
    remove_portal_folder(old_run, root)
    assert not old_run.exists() and session.exists()
    with pytest.raises(ValueError):
        remove_portal_folder(tmp_path, root)
    with pytest.raises(ValueError):
        remove_portal_folder(root, root)


def test_status_shows_a_scan_folder_that_is_missing(tmp_path: Path) -> None:
    """`dvc-kiosk status` names the portal's setup; a configured folder that is not there
    is said, not left for the picker to find empty."""
    from kiosk.portal import PortalConfig, portal_report

    report = portal_report(PortalConfig(scan_folder=tmp_path / "not-there"))
    assert report["scan_folder_found"] is False and report["test_origin"] is None
    assert portal_report(PortalConfig(scan_folder=tmp_path))["scan_folder_found"] is True
    report = portal_report(PortalConfig(scan_folder=tmp_path), tmp_path)
    assert report["delete_scans"] == "at the end of each resident's session"
    assert report["scans_not_deleted"] is None
    write_scan_problem(tmp_path, "1 old scan(s) in /srv/scans could not be deleted", SESSION_START)
    report = portal_report(PortalConfig(delete_scans_after_minutes=30), tmp_path)
    assert report["delete_scans"].startswith("30 minutes after they arrive")
    assert report["scans_not_deleted"]["problem"].startswith("1 old scan(s)")


def test_no_removable_media_is_invented(tmp_path: Path) -> None:
    """Folders that are not mount points are not USB sticks."""
    (tmp_path / "media" / "kiosk" / "NOT-A-STICK").mkdir(parents=True)
    assert removable_media([tmp_path / "media"]) == []


def test_portal_usage_counts_seconds_on_screen_and_the_last_step() -> None:
    """Openings add up on the monotonic clock; the last step counts once reached."""
    catalog = load_catalog(resources_dir() / "catalog")
    procedure = catalog.procedures["dang-ky-tam-tru"]
    clock = FixedClock(datetime(2026, 12, 3, 2, 0, tzinfo=UTC))
    usage = PortalUsage(clock.monotonic)
    assert usage.summary() is None
    usage.open(procedure, 1)
    clock.advance(90)
    assert usage.close() == 90
    clock.advance(1000)  # the guide alone: not counted
    usage.open(procedure, 2)
    clock.advance(30.4)
    usage.note_step(procedure, len(procedure.steps))
    usage.close()
    summary = usage.summary()
    assert summary is not None
    assert (summary.procedure_id, summary.seconds, summary.reached_last_step) == (
        "dang-ky-tam-tru",
        120,
        True,
    )
    usage.reset()
    assert usage.summary() is None
