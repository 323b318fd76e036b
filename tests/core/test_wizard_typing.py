"""The wizard keeps the resident's typing choice for the session only, and passes on what
search understood — without Qt."""

from __future__ import annotations

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Catalog
from kiosk.catalog.search import CatalogSearch
from kiosk.paths import resources_dir
from kiosk.vietnamese_input import InputMethod
from kiosk.wizard import SearchAnswer, Wizard


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(resources_dir() / "catalog")


END_ACTIONS = {
    "finished": Wizard.done,
    "idle": Wizard.idle_expire,
    "volunteer-reset": Wizard.volunteer_reset,
}


@pytest.mark.parametrize("end", sorted(END_ACTIONS))
def test_the_typing_choice_lasts_one_session(catalog: Catalog, end: str) -> None:
    """Telex at the start; VNI or Tắt chosen by a resident is Telex again for the next one,
    whichever way the session ends."""
    wizard = Wizard(catalog)
    assert wizard.view.typing == InputMethod.TELEX.value
    wizard.start()
    wizard.set_typing(InputMethod.VNI.value)
    assert wizard.view.typing == InputMethod.VNI.value
    wizard.choose("dang-ky-tam-tru")
    assert wizard.view.typing == InputMethod.VNI.value, "kept through the session"
    END_ACTIONS[end](wizard)
    assert wizard.view.typing == InputMethod.TELEX.value


def test_an_unknown_typing_method_is_refused(catalog: Catalog) -> None:
    """Only telex, vni and off exist."""
    with pytest.raises(ValueError):
        Wizard(catalog).set_typing("unikey")


def test_what_search_understood_reaches_the_choose_view(catalog: Catalog) -> None:
    """A search answer's 'understood' (and its not-offered entry) reach the Choose screen; a
    plain (ids, not_offered) answer still works."""
    index = CatalogSearch(catalog)

    def search(query: str) -> SearchAnswer:
        found = index.search(query)
        ids = [h.procedure_id for h in found.hits]
        return SearchAnswer(ids, found.not_offered, found.understood)

    wizard = Wizard(catalog, search=search)
    wizard.set_query("tamj truus")
    view = wizard.choose_view
    assert view.understood == "tạm trú"
    assert view.procedures[0].id == "dang-ky-tam-tru"
    wizard.set_query("thanh lap cong ty")
    view = wizard.choose_view
    assert view.not_offered is not None
    assert [p.id for p in view.procedures] == ["dang-ky-thanh-lap-ho-kinh-doanh"]
    plain = Wizard(catalog, search=lambda q: (["dang-ky-tam-tru"], None))
    plain.set_query("x")
    assert plain.choose_view.understood is None
