"""The one theme: Fusion + a palette + one stylesheet rendered from design tokens.

Tokens are the single source of sizes and colours. Tests read them to prove the rules of
DESIGN.md (text ≥ 20 px, touch targets ≥ 56 px, contrast ≥ 7:1), so lowering a token below a
rule fails the build. Widgets choose a variant through the dynamic property `role`, never
through their own setStyleSheet call.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.paths import resources_dir
from kiosk.protocol import TextSize

FONT_FAMILY = "Noto Sans"
SCALE = {TextSize.NORMAL.value: 1.0, TextSize.LARGE.value: 1.25, TextSize.XLARGE.value: 1.5}

COLORS: dict[str, str] = {
    "bg": "#ffffff",
    "surface": "#eef2f7",
    "text": "#1a1a1a",
    "text_muted": "#333f4d",
    "primary": "#0a3d78",
    "on_primary": "#ffffff",
    "secondary_bg": "#ffffff",
    "secondary_border": "#0a3d78",
    "help": "#7a2600",
    "on_help": "#ffffff",
    "tip_bg": "#e3eefb",
    "mistake_bg": "#fbe9e7",
    "practice_bg": "#fff2cc",
    "practice_band": "#5c3d00",
    "on_practice_band": "#ffffff",
    "ok_text": "#0b5a1f",
    "error_text": "#8c1010",
    "focus": "#c24e00",
    "selected_bg": "#0a3d78",
    "on_selected": "#ffffff",
    "overlay_bg": "#ffffff",
}

# Pairs of (foreground, background) that text is drawn in. Each must reach 7:1 (WCAG AAA).
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "bg"),
    ("text", "surface"),
    ("text_muted", "bg"),
    ("text_muted", "surface"),
    ("on_primary", "primary"),
    ("primary", "secondary_bg"),
    ("on_help", "help"),
    ("text", "tip_bg"),
    ("text", "mistake_bg"),
    ("text", "practice_bg"),
    ("on_practice_band", "practice_band"),
    ("ok_text", "bg"),
    ("error_text", "bg"),
    ("error_text", "practice_bg"),
    ("ok_text", "practice_bg"),
    ("on_selected", "selected_bg"),
    ("text", "overlay_bg"),
)

# Sizes in pixels at the normal text size; fonts scale with the text size, targets do not shrink.
FONT_PX: dict[str, int] = {
    "small": 20,
    "body": 22,
    "button": 24,
    "h2": 30,
    "h1": 38,
    "hero": 48,
    "keypad": 36,
    "display": 48,
    "osk": 28,
}
# Fonts that keep their size at every text size. The home screen's title and 'Bắt đầu' are
# already the largest text there is; grown by 1.5× they pushed the language, text-size and
# read-aloud choices below the fold at 'Rất lớn' on 1280×800, where a resident who picked it by
# mistake could no longer see how to go back. The on-screen keyboard's letters (28 px, bigger
# than body text) keep their size too: grown, its four rows left no room for the results.
FIXED_FONTS = {"display", "osk"}
TARGET_PX: dict[str, int] = {
    "start": 96,
    "button": 64,
    "tile": 120,
    "keypad": 84,
    "input": 64,
    "min": 56,
    "osk": 56,  # a key of the on-screen Vietnamese keyboard (11 across, 4 rows)
}
SPACING_PX = {"gap": 16, "page": 32, "radius": 10, "border": 3, "pad_v": 6}
# The font each target's text is set in (default: the button font), and Noto Sans's line
# height (ascent + descent) in ems.
TARGET_FONT = {"start": "display", "keypad": "keypad", "min": "body"}
LINE = 1.37

MIN_TEXT_PX = 20
MIN_TARGET_PX = 56
MIN_CONTRAST = 7.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    """Relative luminance (WCAG 2)."""
    color = QColor(hex_color)
    return (
        0.2126 * _channel(color.red())
        + 0.7152 * _channel(color.green())
        + 0.0722 * _channel(color.blue())
    )


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def tokens(text_size: str = TextSize.NORMAL.value) -> dict[str, str]:
    """Every token as a string for the stylesheet, fonts scaled for `text_size`."""
    scale = SCALE[text_size]
    values: dict[str, str] = dict(COLORS)
    for name, px in FONT_PX.items():
        values[f"font_{name}"] = f"{px if name in FIXED_FONTS else round(px * scale)}px"
    values.update({f"target_{k}": f"{v}px" for k, v in TARGET_PX.items()})
    values.update({k: f"{v}px" for k, v in SPACING_PX.items()})
    # Qt's min-height sizes the content box: subtract padding and border to get the outer size.
    # It must also hold one line of the control's own text: a layout short of room squeezes a
    # button down to its min-height, and at 'Rất lớn' 46 px cut the bottom off 36 px letters.
    frame = 2 * (SPACING_PX["pad_v"] + SPACING_PX["border"])
    for name, px in TARGET_PX.items():
        font = FONT_PX[TARGET_FONT.get(name, "button")]
        line = math.ceil((font if TARGET_FONT.get(name) in FIXED_FONTS else font * scale) * LINE)
        values[f"content_{name}"] = f"{max(px - frame, line)}px"
    values["font_family"] = FONT_FAMILY
    values["styles_dir"] = (resources_dir() / "styles").as_posix()
    return values


def render_stylesheet(text_size: str = TextSize.NORMAL.value, template: str | None = None) -> str:
    """The application stylesheet with `{{ token }}` placeholders filled in."""
    if template is None:
        template = (resources_dir() / "styles" / "kiosk.qss").read_text(encoding="utf-8")
    values = tokens(text_size)

    def fill(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return re.sub(r"\{\{\s*([a-z_0-9]+)\s*\}\}", fill, template)


def load_fonts(folder: Path | None = None) -> list[str]:
    """Register the bundled fonts so the kiosk never depends on the PC's fonts."""
    folder = folder or resources_dir() / "fonts"
    families: list[str] = []
    for path in sorted(folder.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def apply_theme(
    app: QApplication, text_size: str = TextSize.NORMAL.value, *, set_style: bool = True
) -> None:
    """Fusion + palette + the rendered stylesheet, on the whole application.

    `set_style=False` when the app was started with `-style Fusion` already (`make_app`).
    """
    if set_style:
        app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(COLORS["bg"]))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(COLORS["text"]))
    palette.setColor(QPalette.ColorRole.Base, QColor(COLORS["bg"]))
    palette.setColor(QPalette.ColorRole.Text, QColor(COLORS["text"]))
    palette.setColor(QPalette.ColorRole.Button, QColor(COLORS["primary"]))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(COLORS["on_primary"]))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(COLORS["selected_bg"]))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(COLORS["on_selected"]))
    app.setPalette(palette)
    app.setStyleSheet(render_stylesheet(text_size))


def keep_normal_size(widget: QWidget) -> None:
    """Give `widget` and everything in it the normal-size stylesheet for good.

    The one place a widget carries its own stylesheet: the volunteer panel is not the
    resident's screen, and grown with the resident's 'Rất lớn' it needed scrolling and one
    button per row. Qt prefers a widget's own stylesheet to the application's, so the panel
    keeps its size whatever `apply_theme` sets for the screens around it.
    """
    widget.setStyleSheet(render_stylesheet(TextSize.NORMAL.value))
