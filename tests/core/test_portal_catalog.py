"""The portal view's allow-list in the signed catalog (catalog.toml `[[portal_hosts]]`) and its
`[portal]` config section: what the loader and `catalog check` accept, and what they refuse."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kiosk.catalog.check import check_catalog
from kiosk.catalog.loader import load_catalog, load_catalog_index
from kiosk.catalog.model import PortalHostRole, Severity
from kiosk.config import ConfigError, read_config
from kiosk.paths import resources_dir

TODAY = date(2026, 12, 3)
ENTRY = """
[[portal_hosts]]
host = "{host}"
role = "{role}"
name = {{ vi = "Cổng thử nghiệm", en = "A test portal" }}
confirmed = true
source = {{ title = "Nguồn thử nghiệm", {url}checked = 2026-12-01 }}
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the real catalog (index, shared pieces, procedures, images)."""
    real = resources_dir()
    shutil.copytree(real / "catalog", tmp_path / "catalog")
    shutil.copytree(real / "images", tmp_path / "images")
    return tmp_path / "catalog"


def add_host(root: Path, host: str, role: str, url: str | None = None) -> None:
    text = (root / "catalog.toml").read_text(encoding="utf-8")
    source_url = f'url = "{url}", ' if url else ""
    entry = ENTRY.format(host=host, role=role, url=source_url)
    (root / "catalog.toml").write_text(text + entry, encoding="utf-8")


def test_the_shipped_allow_list_names_each_host_with_its_source() -> None:
    """The national portal, the MPS portal, VNeID's login, the driving-licence portal, the
    payment platform and gateways — each with a source and a check date; https hosts only."""
    catalog = load_catalog_index(resources_dir() / "catalog")
    hosts = {h.host: h for h in catalog.portal_hosts}
    for needed in (
        "dichvucong.gov.vn",
        "dichvucong.bocongan.gov.vn",
        "sso.dancuquocgia.gov.vn",
        "dvc-gplx.csgt.bocongan.gov.vn",
        "pay.gov.vn",
    ):
        assert needed in hosts, needed
    assert hosts["sso.dancuquocgia.gov.vn"].role is PortalHostRole.LOGIN
    assert hosts["pay.gov.vn"].role is PortalHostRole.PAYMENT_PLATFORM
    gateways = [h for h in catalog.portal_hosts if h.role is PortalHostRole.PAYMENT_GATEWAY]
    assert len(gateways) >= 3
    for entry in catalog.portal_hosts:
        assert entry.source.title and entry.source.checked >= date(2026, 12, 3)
        if not entry.host.endswith(".gov.vn"):
            assert entry.role is PortalHostRole.PAYMENT_GATEWAY, entry.host
    assert not any(h.host.startswith(("127.", "localhost")) for h in catalog.portal_hosts)
    assert check_catalog(resources_dir() / "catalog", today=TODAY) == []


@pytest.mark.parametrize(
    ("host", "role", "url", "field", "words"),
    [
        ("evil.example", "portal", None, "host", "only a payment gateway"),
        ("127.0.0.1", "payment-gateway", None, "host", "not an IP address"),
        ("*.gov.vn", "portal", None, "host", "wildcard"),
        ("x.gov.vn", "browser", None, "role", "must be one of"),
        ("x.gov.vn", "portal", "https://example.com/src", "source.url", "on *.gov.vn"),
        ("pay.example.vn", "payment-gateway", "http://example.com/src", "source.url", "https"),
    ],
)
def test_a_bad_allow_list_entry_is_left_out_and_named(
    root: Path, host: str, role: str, url: str | None, field: str, words: str
) -> None:
    """The loader skips that one entry (the portal cannot go there) and names file and
    field; the rest of the catalog, and of the list, stays usable."""
    add_host(root, host, role, url)
    catalog = load_catalog(root)
    assert host not in {h.host for h in catalog.portal_hosts}
    assert "dichvucong.gov.vn" in {h.host for h in catalog.portal_hosts}
    [problem] = [p for p in catalog.problems if p.field.startswith("portal_hosts")]
    assert problem.file == "catalog.toml" and problem.field.endswith(field)
    assert words in problem.message
    assert catalog.procedures, "the procedures still load"


def test_a_gateway_may_be_named_with_a_source_outside_gov_vn(root: Path) -> None:
    """DESIGN.md's one exception: a payment gateway, its host and its source off *.gov.vn —
    and catalog check does not call that an error; the same host twice is one."""
    add_host(root, "checkout.example-pay.vn", "payment-gateway", "https://docs.example-pay.vn")
    assert check_catalog(root, today=TODAY) == []
    add_host(root, "checkout.example-pay.vn", "payment-gateway")
    problems = check_catalog(root, today=TODAY)
    assert [p.severity for p in problems] == [Severity.ERROR]
    assert "duplicate host 'checkout.example-pay.vn'" in problems[0].message


def test_scans_go_at_session_end_by_default_or_after_the_minutes_the_config_says(
    tmp_path: Path,
) -> None:
    base = '[help_point]\nid = "demo"\n\n[kiosk]\nid = "kiosk-1"\n'
    path = tmp_path / "kiosk.toml"
    path.write_text(base, encoding="utf-8")
    assert read_config(path).portal.delete_scans_after_minutes is None
    path.write_text(base + "\n[portal]\ndelete_scans_after_minutes = 30\n", encoding="utf-8")
    assert read_config(path).portal.delete_scans_after_minutes == 30


def test_a_portal_section_configures_the_scan_folder_and_a_loopback_test_origin(
    tmp_path: Path,
) -> None:
    """[portal]: every key read; a test origin must be loopback; a scan folder a full path."""
    base = '[help_point]\nid = "demo"\n\n[kiosk]\nid = "kiosk-1"\n\n[portal]\n'
    path = tmp_path / "kiosk.toml"
    path.write_text(
        base + f'scan_folder = "{tmp_path / "scans"}"\ndelete_scans = true\n'
        "removable_media = false\nsoftware_rendering = true\n"
        'test_origin = "http://127.0.0.1:8765"\n',
        encoding="utf-8",
    )
    portal = read_config(path).portal
    assert portal.scan_folder == tmp_path / "scans" and portal.delete_scans_after_minutes is None
    assert not portal.removable_media and portal.software_rendering and portal.enabled
    assert str(portal.test_origin) == "http://127.0.0.1:8765"
    for line, key in (
        ('test_origin = "https://dichvucong.gov.vn:443"', "portal.test_origin"),
        ('scan_folder = "scans"', "portal.scan_folder"),
        ("enabled = 1", "portal.enabled"),
        ("address_bar = true", "portal.address_bar"),
        ("delete_scans = false", "portal.delete_scans"),  # scans always go now
        ("delete_scans_after_minutes = 2", "portal.delete_scans_after_minutes"),
        ("delete_scans_after_minutes = 100000", "portal.delete_scans_after_minutes"),
        ('delete_scans_after_minutes = "30"', "portal.delete_scans_after_minutes"),
    ):
        path.write_text(base + line + "\n", encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            read_config(path)
        assert caught.value.key == key
    path.write_text(base, encoding="utf-8")
    assert read_config(path).portal.test_origin is None, "never without test configuration"
