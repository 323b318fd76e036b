"""Bad input anywhere — a broken catalog file, a missing image, an unknown procedure id in the
config — gives a calm Vietnamese message and the kiosk keeps running."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from kiosk.catalog.loader import load_catalog
from kiosk.paths import resources_dir
from kiosk.wizard import Screen


def copy_resources(tmp_path: Path) -> Path:
    """A private copy of the catalog and its images, safe to break."""
    root = tmp_path / "resources"
    shutil.copytree(resources_dir() / "catalog", root / "catalog")
    shutil.copytree(resources_dir() / "images", root / "images")
    return root


def test_a_broken_procedure_file_is_skipped_and_the_rest_works(
    qtbot: Any, make_kiosk: Any, tmp_path: Path
) -> None:
    """A file with broken TOML: its procedure is left out, volunteers see a calm notice,
    and every other procedure still works."""
    root = copy_resources(tmp_path)
    broken = root / "catalog" / "procedures" / "dang-ky-khai-sinh.toml"
    broken.write_text('id = "dang-ky-khai-sinh"\nname = { vi = "thiếu ngoặc"\n', encoding="utf-8")
    catalog = load_catalog(root / "catalog")
    assert "dang-ky-khai-sinh" not in catalog.procedures
    [problem] = [p for p in catalog.problems if "khai-sinh.toml" in p.file]
    assert problem.file == "procedures/dang-ky-khai-sinh.toml"

    kiosk = make_kiosk(catalog=catalog)
    window = kiosk.window
    assert window.notice_label.isVisible()
    assert "đang được sửa" in window.notice_label.text()
    qtbot.mouseClick(window.findChild(QAbstractButton, "startButton"), Qt.MouseButton.LeftButton)
    kiosk.wizard.choose("dang-ky-tam-tru")
    assert kiosk.wizard.view.screen == Screen.OVERVIEW


def test_a_missing_picture_shows_a_calm_placeholder(
    qtbot: Any, make_kiosk: Any, tmp_path: Path
) -> None:
    """A step whose picture is missing still shows its text, with a calm sentence instead."""
    root = copy_resources(tmp_path)
    catalog = load_catalog(root / "catalog")
    procedure = catalog.procedures["dang-ky-tam-tru"]
    first_image = procedure.steps[0].image
    assert first_image is not None
    (root / "images" / first_image).unlink()
    reloaded = load_catalog(root / "catalog")
    assert "dang-ky-tam-tru" in reloaded.procedures, "a missing picture keeps the procedure"
    assert any(first_image in p.message for p in reloaded.problems)

    kiosk = make_kiosk(catalog=reloaded)
    kiosk.wizard.start()
    kiosk.wizard.choose("dang-ky-tam-tru")
    kiosk.wizard.begin_steps()
    step_page = kiosk.window.pages["step"]
    # The page reads pictures from the installed resources: point it at the broken copy.
    step_page.image.show_image(root / "images" / first_image, "Hình minh họa đang được cập nhật.")
    assert step_page.image.text() == "Hình minh họa đang được cập nhật."
    assert step_page.body.text() == procedure.steps[0].body.vi


def test_an_unknown_procedure_in_the_config_is_ignored_with_a_notice(
    qtbot: Any, make_kiosk: Any
) -> None:
    """kiosk.top_procedures naming a procedure that does not exist: a notice, not a crash."""
    kiosk = make_kiosk(top_procedures=("thu-tuc-khong-co", "dang-ky-tam-tru"))
    assert any("thu-tuc-khong-co" in n for n in kiosk.wizard.notices)
    assert kiosk.window.notice_label.isVisible()
    kiosk.wizard.start()
    tiles = list(kiosk.window.pages["choose"].tile_buttons)
    assert tiles[0] == "dang-ky-tam-tru"
