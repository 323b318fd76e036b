"""Start-up: the home screen is built on the catalog's index alone; the procedures follow
right after the first paint, and search then knows all of them."""

from __future__ import annotations

from typing import Any

from kiosk.catalog.loader import load_catalog_index
from kiosk.paths import resources_dir
from ui.app import after_first_paint


def test_home_on_the_index_then_the_full_catalog_after_the_first_paint(
    qtbot: Any, make_kiosk: Any
) -> None:
    """The index has no procedures; after the first paint all 49 are there and searchable."""
    index = load_catalog_index(resources_dir() / "catalog")
    assert index.procedures == {} and index.categories
    kiosk = make_kiosk(catalog=index)
    assert kiosk.window.catalog_date.text().startswith("Nội dung cập nhật")
    try:
        after_first_paint(kiosk)
        assert len(kiosk.wizard.catalog.procedures) == 49
        kiosk.wizard.start()
        kiosk.wizard.set_query("tam tru")
        assert kiosk.wizard.choose_view.procedures[0].id == "dang-ky-tam-tru"
    finally:
        if kiosk.sync is not None:
            kiosk.sync.stop()
        if kiosk.window.speaker is not None:
            kiosk.window.speaker.stop()
        if kiosk.journal is not None:
            kiosk.journal.close()
