"""What a step picture claims: the procedure it is drawn for, and any fee amount it shows.

A picture is labelled for a procedure when its root `<svg>` carries `data-procedure="<id>"`, or
when one of its text lines is exactly a procedure's official name ("Đăng ký thường trú" on a
form). `catalog check` (check.py) compares these claims with the step that shows the picture, so a
residence form titled "Đăng ký thường trú" cannot illustrate "Đăng ký tạm trú", and a payment page
showing 7.000 đ cannot illustrate a procedure that costs something else. Format:
docs/catalog-format.md, "Step pictures".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.catalog.model import Problem

PROCEDURE_ATTRIBUTE = "data-procedure"
# "7.000 đ", "135.000 đồng", "30000đ": an amount of money drawn in a picture.
_MONEY = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đồng|đ)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class PictureClaims:
    """The procedure a picture is labelled for (declared or shown) and the amounts it shows."""

    declared: str | None  # the data-procedure attribute, as written
    shown_names: tuple[str, ...]  # procedure ids whose official name is one of its text lines
    amounts: tuple[int, ...]  # đồng amounts in its text

    @property
    def labels(self) -> tuple[str, ...]:
        """Every procedure id the picture is labelled for (usually none or one)."""
        found = [self.declared] if self.declared else []
        return tuple(dict.fromkeys([*found, *self.shown_names]))


class PictureError(Exception):
    """The picture file cannot be read as SVG; the message says why."""


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_claims(path: Path, official_names: dict[str, str]) -> PictureClaims:
    """The claims of the SVG at `path`; `official_names` maps procedure id -> Vietnamese name."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise PictureError(f"cannot be read as SVG: {exc}") from None
    declared = root.get(PROCEDURE_ATTRIBUTE)
    by_name = {_fold(name): pid for pid, name in official_names.items()}
    shown: list[str] = []
    amounts: list[int] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] != "text":
            continue  # only drawn text lines (with or without the SVG namespace) count
        line = "".join(element.itertext())
        pid = by_name.get(_fold(line))
        if pid is not None and pid not in shown:
            shown.append(pid)
        amounts.extend(int(m.group(1).replace(".", "")) for m in _MONEY.finditer(line))
    return PictureClaims(
        declared.strip() if declared else None, tuple(shown), tuple(dict.fromkeys(amounts))
    )


class PictureClaimCache:
    """Reads each picture once per check run (dozens of steps share a handful of pictures)."""

    def __init__(self, images: Path, official_names: dict[str, str]) -> None:
        self.images = images
        self.official_names = official_names
        self._seen: dict[str, PictureClaims | PictureError | None] = {}

    def get(self, image: str) -> PictureClaims | None:
        """Claims of `image` (a path under resources/images/); None if the file is missing (the
        image rule reports that). Raises PictureError if it exists but is not readable SVG."""
        if image not in self._seen:
            path = self.images / image
            if not path.is_file() or path.suffix.lower() != ".svg":
                self._seen[image] = None
            else:
                try:
                    self._seen[image] = read_claims(path, self.official_names)
                except PictureError as exc:
                    self._seen[image] = exc
        found = self._seen[image]
        if isinstance(found, PictureError):
            raise found
        return found


def _vietnamese(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("vi"), str):
        return str(value["vi"])
    return None


def _fee_amounts(data: dict[str, Any]) -> set[int]:
    fee = data.get("fee")
    if not isinstance(fee, dict):
        return set()
    return {
        v for k in ("in_person", "online") if isinstance(v := fee.get(k), int) and v is not True
    }


def _steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    steps = data.get("steps")
    return [s for s in steps if isinstance(s, dict)] if isinstance(steps, list) else []


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


class PictureRules:
    """The picture rules of `catalog check` over the raw TOML of shared pieces and procedures."""

    def __init__(
        self,
        images: Path,
        shared: dict[str, dict[str, Any] | None],
        procedures: dict[str, dict[str, Any] | None],
    ) -> None:
        self.procedures = {
            data["id"]: (name, data)
            for name, data in procedures.items()
            if data is not None and isinstance(data.get("id"), str)
        }
        self.shared = {
            data["id"]: (name, data)
            for name, data in shared.items()
            if data is not None and isinstance(data.get("id"), str)
        }
        names = {pid: _vietnamese(data.get("name")) for pid, (_, data) in self.procedures.items()}
        self.names = {pid: name for pid, name in names.items() if name}
        self.cache = PictureClaimCache(images, self.names)
        self.problems: list[Problem] = []

    def run(self) -> list[Problem]:
        """Every picture problem, as errors naming the file and step that shows the picture."""
        for pid, (file, data) in self.procedures.items():
            for i, step in enumerate(_steps(data)):
                if "use" not in step:
                    self._step(file, f"steps[{i}].image", step, [pid])
        for sid, (file, data) in self.shared.items():
            users = [
                pid
                for pid, (_, pdata) in self.procedures.items()
                if any(s.get("use") == sid for s in _steps(pdata))
            ]
            for j, step in enumerate(_steps(data)):
                self._step(file, f"steps[{j}].image", step, users, shared=True)
        return self.problems

    def _error(self, file: str, field: str, message: str) -> None:
        self.problems.append(Problem(file, field, message))

    def _step(
        self, file: str, field: str, step: dict[str, Any], users: list[str], shared: bool = False
    ) -> None:
        image = step.get("image")
        if not isinstance(image, str):
            return
        try:
            claims = self.cache.get(image)
        except PictureError as exc:
            self._error(file, field, f"picture '{image}' {exc}")
            return
        if claims is None:
            return
        if claims.declared and claims.declared not in self.procedures:
            self._error(
                file,
                field,
                f"picture '{image}' has {PROCEDURE_ATTRIBUTE}=\"{claims.declared}\", "
                "which is no procedure id",
            )
        for label in claims.labels:
            if label not in self.procedures:
                continue
            how = (
                f'{PROCEDURE_ATTRIBUTE}="{label}"'
                if label == claims.declared
                else f"it shows the name '{self.names[label]}'"
            )
            others = [u for u in users if u != label]
            if not others:
                continue
            if shared:
                self._error(
                    file,
                    field,
                    f"picture '{image}' is labelled for procedure '{label}' ({how}), but this "
                    f"shared step is also shown in {len(others)} other procedure(s), e.g. "
                    f"'{others[0]}': use a picture without a procedure label",
                )
            else:
                self._error(
                    file,
                    field,
                    f"picture '{image}' is labelled for procedure '{label}' ({how}), not "
                    f"'{others[0]}': give this step a picture for '{others[0]}' or one "
                    "without a procedure label",
                )
        for amount in claims.amounts:
            wrong = [u for u in users if amount not in _fee_amounts(self.procedures[u][1])]
            if not wrong:
                continue
            where = (
                f"this shared step is shown in {len(wrong)} procedure(s) whose fee is not "
                f"{_money(amount)}, e.g. '{wrong[0]}'"
                if shared
                else "this procedure's fee is not that amount"
            )
            self._error(
                file,
                field,
                f"picture '{image}' shows {_money(amount)}, but {where}: draw the amount the "
                "procedure costs, or none",
            )
