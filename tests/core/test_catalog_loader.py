"""Tests for the catalog loader: the real catalog loads, and faults are named, not raised."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.catalog.loader import CatalogError, load_catalog
from kiosk.catalog.model import AgencyKind
from kiosk.paths import resources_dir


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A full copy of the real catalog and its images in tmp_path."""
    shutil.copytree(resources_dir() / "catalog", tmp_path / "catalog")
    shutil.copytree(resources_dir() / "images", tmp_path / "images")
    return tmp_path / "catalog"


def test_the_shipped_catalog_loads_without_problems() -> None:
    """Every shipped procedure file loads; agencies, categories and shared steps resolve."""
    catalog = load_catalog(resources_dir() / "catalog")
    assert catalog.problems == ()
    assert len(catalog.procedures) >= 40
    kinds = {catalog.agency_kind(p) for p in catalog.procedures.values()}
    assert kinds == {AgencyKind.UBND, AgencyKind.CONG_AN}
    for procedure in catalog.procedures.values():
        assert procedure.category in catalog.categories
        assert procedure.file == f"procedures/{procedure.id}.toml"


def test_shared_pieces_are_expanded_in_place(root: Path) -> None:
    """A `use = ...` step becomes the shared piece's steps, marked with the piece's id."""
    catalog = load_catalog(root)
    piece = catalog.shared["dang-nhap-vneid"]
    users = [
        p for p in catalog.procedures.values() if any(s.shared_id == piece.id for s in p.steps)
    ]
    assert users
    steps = users[0].steps
    first = next(i for i, s in enumerate(steps) if s.shared_id == piece.id)
    assert steps[first : first + len(piece.steps)] == piece.steps


def test_synonym_groups_are_loaded(root: Path) -> None:
    """[[synonyms]] in catalog.toml become tuples of words on the Catalog."""
    catalog = load_catalog(root)
    assert any("CMND" in group and "căn cước" in group for group in catalog.synonyms)


def test_a_synonym_group_needs_two_words(root: Path) -> None:
    """A one-word synonym group is a fault in the index, naming its field."""
    index = root / "catalog.toml"
    index.write_text(index.read_text() + '\n[[synonyms]]\nwords = ["một mình"]\n')
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    assert info.value.problems[0].file == "catalog.toml"
    assert info.value.problems[0].field.endswith("].words")


def test_a_broken_procedure_is_skipped_and_named(root: Path) -> None:
    """One bad file does not stop the others: it is left out and its problem is kept."""
    before = len(load_catalog(root).procedures)
    (root / "procedures" / "hong.toml").write_text('id = "hong"\n', encoding="utf-8")
    catalog = load_catalog(root)
    assert len(catalog.procedures) == before
    assert [p.file for p in catalog.problems] == ["procedures/hong.toml"]
    assert catalog.problems[0].message == "missing"


def test_the_id_must_match_the_file_name(root: Path) -> None:
    """A file whose id differs from its name is rejected at field `id`."""
    source = root / "procedures" / "dang-ky-tam-tru.toml"
    shutil.copy(source, root / "procedures" / "tam-tru-2.toml")
    problems = load_catalog(root).problems
    assert [(p.file, p.field) for p in problems] == [("procedures/tam-tru-2.toml", "id")]


def test_a_broken_index_raises_catalog_error(root: Path) -> None:
    """Without a usable catalog.toml nothing can load: CatalogError names the file."""
    (root / "catalog.toml").write_text("version = \n", encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    assert info.value.problems[0].file == "catalog.toml"
    assert info.value.problems[0].field == "(toml)"


def test_a_steps_portal_page_is_read_and_a_bad_one_named(root: Path) -> None:
    """`portal_path` on a step: read when it names a page; a query in it is refused, naming
    the file and the field (the procedure is left out, the others load)."""
    path = root / "procedures" / "dang-ky-tam-tru.toml"
    text = path.read_text(encoding="utf-8")
    form = 'title = { vi = "Điền tờ khai CT01"'
    assert form in text
    marked = text.replace(form, f'portal_path = "/ho-so/*"\n{form}', 1)
    path.write_text(marked, encoding="utf-8")
    steps = load_catalog(root).procedures["dang-ky-tam-tru"].steps
    assert "/ho-so/*" in [s.portal_path for s in steps]

    path.write_text(marked.replace('"/ho-so/*"', '"/ho-so?id=1"'), encoding="utf-8")
    catalog = load_catalog(root)
    assert "dang-ky-tam-tru" not in catalog.procedures
    (problem,) = [p for p in catalog.problems if p.file == "procedures/dang-ky-tam-tru.toml"]
    assert "portal_path" in problem.field and "query" in problem.message
