"""Reading the 12-digit personal ID number (số định danh cá nhân) for the practice screen.

The number is PPP G YY RRRRRR: province where the birth was registered, a gender+century digit,
the last two digits of the birth year, and six random digits (Circular 07/2016/TT-BCA, kept by
the 2023 Law on Identity). There is no check digit, so none is invented here. A birth registered
abroad carries a country code instead of a province; that table is not public, so such numbers
get UNKNOWN_PROVINCE, which the screen explains by sending the resident to a volunteer.
Problems are codes (with the digit count where it matters); the UI words them (ui/messages.py).

Privacy: the input is a resident's real ID number. Nothing here logs it, and neither errors nor
`repr()` of the parts carry the digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

LENGTH = 12
OLD_CMND_LENGTH = 9
_SEPARATORS = re.compile(r"[\s.\-]+")

# Phụ lục 1, Circular 07/2016/TT-BCA: the 63 provinces before the 2025 merger.
PROVINCES: dict[str, str] = {
    "001": "TP. Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "TP. Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "TP. Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa – Vũng Tàu",
    "079": "TP. Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "TP. Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

# Resolution 202/2025/QH15: the 34 provinces from 1/7/2025, each listing the old codes it took in.
# The ID number never changes; this only lets the screen say where that place is today.
_MERGED_INTO: dict[str, tuple[str, ...]] = {
    "Tuyên Quang": ("002", "008"),
    "Lào Cai": ("015", "010"),
    "Thái Nguyên": ("006", "019"),
    "Phú Thọ": ("026", "017", "025"),
    "Bắc Ninh": ("024", "027"),
    "Hưng Yên": ("034", "033"),
    "TP. Hải Phòng": ("030", "031"),
    "Ninh Bình": ("035", "036", "037"),
    "Quảng Trị": ("044", "045"),
    "TP. Đà Nẵng": ("049", "048"),
    "Quảng Ngãi": ("062", "051"),
    "Gia Lai": ("064", "052"),
    "Khánh Hòa": ("058", "056"),
    "Lâm Đồng": ("068", "067", "060"),
    "Đắk Lắk": ("066", "054"),
    "TP. Hồ Chí Minh": ("079", "074", "077"),
    "Đồng Nai": ("075", "070"),
    "Tây Ninh": ("072", "080"),
    "TP. Cần Thơ": ("092", "094", "093"),
    "Vĩnh Long": ("086", "083", "084"),
    "Đồng Tháp": ("087", "082"),
    "Cà Mau": ("096", "095"),
    "An Giang": ("089", "091"),
    "TP. Hà Nội": ("001",),
    "TP. Huế": ("046",),
    "Cao Bằng": ("004",),
    "Điện Biên": ("011",),
    "Lai Châu": ("012",),
    "Sơn La": ("014",),
    "Lạng Sơn": ("020",),
    "Quảng Ninh": ("022",),
    "Thanh Hóa": ("038",),
    "Nghệ An": ("040",),
    "Hà Tĩnh": ("042",),
}
PROVINCE_NOW: dict[str, str] = {
    code: new_name for new_name, codes in _MERGED_INTO.items() for code in codes
}

# Gender/century digit accepted today: 0/1 born 1900–1999, 2/3 born 2000–2099; even = male.
_CENTURY = {"0": 1900, "1": 1900, "2": 2000, "3": 2000}


class CccdProblem(StrEnum):
    """What is wrong with a typed ID number, so the screen can point at the right thing."""

    EMPTY = "empty"
    HAS_LETTERS = "has-letters"
    OLD_CMND = "old-cmnd"
    TOO_SHORT = "too-short"
    TOO_LONG = "too-long"
    UNKNOWN_PROVINCE = "unknown-province"
    BAD_CENTURY = "bad-century"
    FUTURE_YEAR = "future-year"


class CccdError(ValueError):
    """A typed ID number that cannot be right; `code` says what to check, `count` how many
    digits were typed (for TOO_SHORT / TOO_LONG; else 0)."""

    def __init__(self, code: CccdProblem, count: int = 0) -> None:
        super().__init__(code.value)
        self.code = code
        self.count = count


@dataclass(frozen=True)
class CccdParts:
    """The pieces of a valid-looking ID number, ready to explain on screen."""

    digits: str = field(repr=False)
    province_code: str
    province_name: str
    province_now: str
    sex: str  # "nam" or "nu"
    birth_year: int
    grouped: str = field(repr=False)  # "079 2 03 001234"

    @property
    def merged(self) -> bool:
        """Whether the birth-registration province became part of another on 1/7/2025."""
        return self.province_now != self.province_name


def parse_cccd(text: str, today: date) -> CccdParts:
    """Split a typed 12-digit ID number into its parts, or raise CccdError saying what to fix.

    `today` (from the kiosk's clock: `kiosk.clock.local_today`) decides which birth years are
    still in the future.
    """
    compact = _SEPARATORS.sub("", text)
    if not compact:
        raise CccdError(CccdProblem.EMPTY)
    if not compact.isascii() or not compact.isdigit():
        raise CccdError(CccdProblem.HAS_LETTERS)
    count = len(compact)
    if count == OLD_CMND_LENGTH:
        raise CccdError(CccdProblem.OLD_CMND)
    if count < LENGTH:
        raise CccdError(CccdProblem.TOO_SHORT, count)
    if count > LENGTH:
        raise CccdError(CccdProblem.TOO_LONG, count)
    province, g, yy = compact[:3], compact[3], compact[4:6]
    if province not in PROVINCES:
        raise CccdError(CccdProblem.UNKNOWN_PROVINCE)
    if g not in _CENTURY:
        raise CccdError(CccdProblem.BAD_CENTURY)
    birth_year = _CENTURY[g] + int(yy)
    if birth_year > today.year:
        raise CccdError(CccdProblem.FUTURE_YEAR)
    return CccdParts(
        digits=compact,
        province_code=province,
        province_name=PROVINCES[province],
        province_now=PROVINCE_NOW[province],
        sex="nam" if int(g) % 2 == 0 else "nu",
        birth_year=birth_year,
        grouped=f"{province} {g} {yy} {compact[6:]}",
    )
