"""Tests for catalog search: queries as residents type them, against the real shipped catalog."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Catalog
from kiosk.catalog.search import CatalogSearch, _within_one_edit
from kiosk.paths import resources_dir
from kiosk.textfold import fold


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(resources_dir() / "catalog")


@pytest.fixture(scope="module")
def search(catalog: Catalog) -> CatalogSearch:
    return CatalogSearch(catalog)


# (query as typed, the procedure that must be in the top 3)
REAL_QUERIES = [
    # no accents
    ("tam tru", "dang-ky-tam-tru"),
    ("dang ky tam tru", "dang-ky-tam-tru"),
    ("khai sinh", "dang-ky-khai-sinh"),
    ("dang ky khai sinh", "dang-ky-khai-sinh"),
    ("khai tu", "dang-ky-khai-tu"),
    ("ket hon", "dang-ky-ket-hon"),
    ("thuong tru", "dang-ky-thuong-tru"),
    ("gia han tam tru", "gia-han-tam-tru"),
    ("xoa tam tru", "xoa-dang-ky-tam-tru"),
    ("xoa thuong tru", "xoa-dang-ky-thuong-tru"),
    ("tach ho", "tach-ho"),
    ("trich luc", "cap-ban-sao-trich-luc-ho-tich"),
    ("xac nhan tinh trang hon nhan", "xac-nhan-tinh-trang-hon-nhan"),
    ("dieu chinh thong tin cu tru", "dieu-chinh-thong-tin-cu-tru"),
    # with accents, mixed case, word being typed
    ("Đăng ký tạm trú", "dang-ky-tam-tru"),
    ("ĐĂNG KÝ KẾT HÔN", "dang-ky-ket-hon"),
    ("tam tr", "dang-ky-tam-tru"),
    ("khai si", "dang-ky-khai-sinh"),
    ("gia ha", "gia-han-tam-tru"),
    # everyday words and synonyms
    ("ho khau", "dang-ky-thuong-tru"),
    ("nhap ho khau", "dang-ky-thuong-tru"),
    ("cat ho khau", "xoa-dang-ky-thuong-tru"),
    ("tach ho khau", "tach-ho"),
    ("giay doc than", "xac-nhan-tinh-trang-hon-nhan"),
    ("xac nhan doc than", "xac-nhan-tinh-trang-hon-nhan"),
    ("lam giay khai sinh", "dang-ky-khai-sinh"),
    ("ban sao giay khai sinh", "cap-ban-sao-trich-luc-ho-tich"),
    ("giay chung tu", "dang-ky-khai-tu"),
    ("bao tu", "dang-ky-khai-tu"),
    ("dam cuoi", "dang-ky-ket-hon"),
    ("hon thu", "dang-ky-ket-hon"),
    ("kt3", "dang-ky-tam-tru"),
    ("o tro", "dang-ky-tam-tru"),
    ("dk tam tru", "dang-ky-tam-tru"),
    ("mai tang phi", "lien-thong-khai-tu-xoa-thuong-tru-mai-tang-phi"),
    ("bhyt cho be", "lien-thong-khai-sinh-thuong-tru-bhyt"),
    # stop words around the request
    ("lam tam tru o dau", "dang-ky-tam-tru"),
    ("thu tuc dang ky ket hon", "dang-ky-ket-hon"),
    ("xin giay xac nhan doc than", "xac-nhan-tinh-trang-hon-nhan"),
    ("dang ky ket hon can giay to gi", "dang-ky-ket-hon"),
    ("bao nhieu tien lam ho chieu", "cap-ho-chieu"),
    ("doi bang lai mat bao lau", "doi-giay-phep-lai-xe"),
    # one typo in a long word
    ("thuongg tru", "dang-ky-thuong-tru"),
    ("dang ky thuogn tru", "dang-ky-thuong-tru"),
    ("tirch luc", "cap-ban-sao-trich-luc-ho-tich"),
    # ID card, driving licence, vehicles, passports (everyday words and synonyms)
    ("cmnd", "cap-the-can-cuoc"),
    ("lam cccd", "cap-the-can-cuoc"),
    ("chung minh nhan dan", "cap-the-can-cuoc"),
    ("can cuoc cho be", "cap-can-cuoc-tre-duoi-6-tuoi"),
    ("cccd het han", "cap-doi-the-can-cuoc"),
    ("mat cmnd", "cap-lai-the-can-cuoc"),
    ("bang lai", "doi-giay-phep-lai-xe"),
    ("gplx", "doi-giay-phep-lai-xe"),
    ("mat bang lai", "cap-lai-giay-phep-lai-xe"),
    ("bang lai quoc te", "cap-giay-phep-lai-xe-quoc-te"),
    ("cavet", "dang-ky-xe-lan-dau"),
    ("ca vet", "dang-ky-xe-lan-dau"),
    ("mat ca vet", "cap-doi-cap-lai-dang-ky-xe"),
    ("mua xe cu", "dang-ky-sang-ten-xe"),
    ("ban xe", "thu-hoi-dang-ky-xe"),
    ("bien so tam", "dang-ky-xe-tam-thoi"),
    ("passport", "cap-ho-chieu"),
    ("mat ho chieu", "cap-lai-ho-chieu"),
    ("lltp", "cap-phieu-ly-lich-tu-phap"),
    ("vneid muc 2", "cap-tai-khoan-dinh-danh-muc-2"),
    ("khoa vneid", "khoa-mo-khoa-tai-khoan-dinh-danh"),
    # certification, business, construction, others
    ("cong chung", "chung-thuc-ban-sao-tu-ban-chinh"),
    ("sao y ban chinh", "chung-thuc-ban-sao-tu-ban-chinh"),
    ("giay uy quyen", "chung-thuc-chu-ky"),
    ("cong chung hop dong", "chung-thuc-hop-dong-giao-dich"),
    ("giam ho", "dang-ky-giam-ho"),
    ("lam lai giay khai sinh", "dang-ky-lai-khai-sinh"),
    ("nhan cha cho con", "dang-ky-nhan-cha-me-con"),
    ("giay phep kinh doanh", "dang-ky-thanh-lap-ho-kinh-doanh"),
    ("tam ngung kinh doanh", "tam-ngung-cham-dut-ho-kinh-doanh"),
    ("doi dia chi kinh doanh", "thay-doi-noi-dung-dang-ky-ho-kinh-doanh"),
    ("xin phep xay nha", "cap-giay-phep-xay-dung-nha-o-rieng-le"),
    ("gia han giay phep xay dung", "dieu-chinh-gia-han-cap-lai-giay-phep-xay-dung"),
    ("ly hon o nuoc ngoai", "ghi-so-ho-tich-viec-da-giai-quyet-o-nuoc-ngoai"),
    ("tam vang", "khai-bao-tam-vang"),
    ("khai bao cu tru", "khai-bao-thong-tin-cu-tru"),
    ("bao khach luu tru", "thong-bao-luu-tru"),
    ("sai ten giay khai sinh", "thay-doi-cai-chinh-bo-sung-ho-tich"),
    ("tro cap nguoi gia", "tro-cap-xa-hoi-hang-thang-ho-tro-mai-tang"),
    ("ct07", "xac-nhan-thong-tin-cu-tru"),
    ("Hộ chiếu", "cap-ho-chieu"),
    ("can c", "cap-the-can-cuoc"),
    ("lam the can cuoc o dau", "cap-the-can-cuoc"),
    ("thu tuc doi bang lai xe", "doi-giay-phep-lai-xe"),
    ("passpotr", "cap-ho-chieu"),
    ("kinh doamh", "dang-ky-thanh-lap-ho-kinh-doanh"),
    ("giay phep lai xe quocc te", "cap-giay-phep-lai-xe-quoc-te"),
]


@pytest.mark.parametrize(("query", "expected"), REAL_QUERIES)
def test_resident_queries_find_the_right_procedure_in_the_top_3(
    search: CatalogSearch, catalog: Catalog, query: str, expected: str
) -> None:
    """A query typed the way residents type finds the intended procedure among the first three."""
    if expected not in catalog.procedures:
        pytest.fail(f"{expected} is not in the shipped catalog")
    hits = [h.procedure_id for h in search.search(query).hits]
    assert expected in hits[:3], (query, hits)


def test_there_are_at_least_40_real_queries(catalog: Catalog) -> None:
    """The query list stays big enough to catch ranking regressions and covers most procedures."""
    assert len(REAL_QUERIES) >= 40
    covered = {expected for _, expected in REAL_QUERIES}
    assert len(covered & set(catalog.procedures)) >= 40


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("tam tru", "dang-ky-tam-tru"),
        ("ho khau", "dang-ky-thuong-tru"),
        ("lam cccd", "cap-the-can-cuoc"),
        ("khai sinh", "dang-ky-khai-sinh"),
        ("doi bang lai", "doi-giay-phep-lai-xe"),
    ],
)
def test_the_obvious_answer_comes_first(search: CatalogSearch, query: str, first: str) -> None:
    """An exact everyday phrase puts its procedure first, ahead of ones that merely share words."""
    assert search.search(query).hits[0].procedure_id == first


@pytest.mark.parametrize("query", ["xyzzy qwerty", "", "   ", "!!!", "?? ..", "zzzzzzzzzzzz"])
def test_nonsense_or_empty_finds_nothing(search: CatalogSearch, query: str) -> None:
    """Empty or nonsense queries give no hits and no exception."""
    result = search.search(query)
    assert result.hits == [] and result.not_offered is None


def test_every_query_word_must_match(search: CatalogSearch) -> None:
    """A real word next to a nonsense word finds nothing (AND), rather than guessing."""
    assert search.search("tam tru xyzzy").hits == []


@pytest.mark.parametrize("query", ["lam so do", "Sổ đỏ ở đâu", "so hong", "lam so do o dau"])
def test_land_certificate_gets_the_not_offered_message(search: CatalogSearch, query: str) -> None:
    """'lam so do' is something the kiosk does not teach: the kind message comes back."""
    result = search.search(query)
    assert result.hits == []
    assert result.not_offered is not None
    assert "sổ đỏ" in result.not_offered.message.vi


def test_stop_words_alone_still_search(search: CatalogSearch) -> None:
    """A query made only of stop words ('cấp') is searched as typed, not emptied."""
    assert search.search("cap").hits


def test_name_outranks_everyday_words_and_popularity_breaks_ties(catalog: Catalog) -> None:
    """A word in the name beats the same word in everyday words; equal scores go by popularity."""
    procs = list(catalog.procedures.values())
    a, b = procs[0], procs[1]
    a = dataclasses.replace(a, id="aaa", popularity=1, everyday_words=("zebra",))
    b = dataclasses.replace(b, id="bbb", popularity=99, everyday_words=("xyz",))
    named = dataclasses.replace(b, id="ccc", popularity=0)
    named = dataclasses.replace(named, name=dataclasses.replace(named.name, vi="Zebra crossing"))
    small = dataclasses.replace(catalog, procedures={p.id: p for p in (a, b, named)})
    hits = [h.procedure_id for h in CatalogSearch(small).search("zebra").hits]
    assert hits == ["ccc", "aaa"]
    twin = dataclasses.replace(a, id="twin", popularity=50)
    tied = dataclasses.replace(catalog, procedures={p.id: p for p in (a, twin)})
    assert [h.procedure_id for h in CatalogSearch(tied).search("zebra").hits] == ["twin", "aaa"]


def test_limit_caps_the_hits(search: CatalogSearch) -> None:
    """`limit` bounds the number of hits; zero or less gives none."""
    assert len(search.search("tru", limit=2).hits) <= 2
    assert search.search("tam tru", limit=0).hits == []


def test_fold_strips_accents_case_and_punctuation() -> None:
    """fold() gives plain lower-case words: đ becomes d, punctuation and extra spaces go."""
    assert fold("  Đăng ký   TẠM TRÚ, ở đâu?! ") == "dang ky tam tru o dau"
    assert fold("Cà vẹt (xe máy)") == "ca vet xe may"
    assert fold("") == ""


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("thuong", "thuong", True),
        ("thuong", "thuonng", True),
        ("thuong", "thong", True),
        ("thuong", "thuogn", True),
        ("thuong", "truong", True),
        ("thuong", "tuhogn", False),
        ("thuong", "thu", False),
    ],
)
def test_one_edit_means_one_insert_delete_substitute_or_swap(a: str, b: str, ok: bool) -> None:
    """The typo rule is Damerau–Levenshtein distance ≤ 1."""
    assert _within_one_edit(a, b) is ok


_SHARED: list[CatalogSearch] = []


def _shared_search() -> CatalogSearch:
    if not _SHARED:
        _SHARED.append(CatalogSearch(load_catalog(resources_dir() / "catalog")))
    return _SHARED[0]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.integers(min_value=-3, max_value=50))
def test_any_text_returns_a_result_and_never_raises(query: str, limit: int) -> None:
    """Whatever is typed (symbols, emoji, other scripts, huge limits), search answers calmly."""
    result = _shared_search().search(query, limit=limit)
    assert len(result.hits) <= max(limit, 0)
    assert len({h.procedure_id for h in result.hits}) == len(result.hits)
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
