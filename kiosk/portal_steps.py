"""Which of a procedure's steps the portal's page is on: the guide follows the portal.

A step may carry `portal_path`, a pattern for the path of the portal's page it explains
(kiosk/catalog/model.py). When the portal beside the guide shows a page that matches a step
other than the one on screen, the kiosk offers to move the guide there ("Cổng đang ở bước: …
— chuyển hướng dẫn?") — it never moves by itself, and a page no step names changes nothing.
Only the URL's path is read: never its query or fragment, which may carry what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from kiosk.catalog.model import Step


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")))


def path_matches(pattern: str, path: str) -> bool:
    """Whether a page's path fits a step's pattern (`*` is any run of characters)."""
    return _compiled(pattern).fullmatch(path) is not None


def step_on_portal(steps: Sequence[Step], url: str) -> int | None:
    """The index of the first step whose pattern fits the page at `url`, or None."""
    try:
        path = urlsplit(url).path or "/"
    except ValueError:
        return None
    for index, step in enumerate(steps):
        if step.portal_path is not None and path_matches(step.portal_path, path):
            return index
    return None


def offer_to_follow(steps: Sequence[Step], url: str, on_screen: int) -> int | None:
    """The step to offer moving the guide to, when the portal's page is another step's."""
    found = step_on_portal(steps, url)
    return found if found is not None and found != on_screen else None
