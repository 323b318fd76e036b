"""A new portal page opens where its content starts, not on the portal's banner.

The national portal's pages begin with a ~370 px header (logos, menu, search); at "Rất lớn"
the pane shows ~490 px of page, so a resident arriving on a new page saw only the banner and
thought nothing had happened. When a page has finished loading, a small script — in the
kiosk's own JavaScript world, which the page's scripts cannot see — finds where the content
starts (the page's `main` landmark, else its first heading, else its first form) and, when
that is more than a fifth of the way down the view, scrolls it to the top. A page the
resident (or the page itself) has already scrolled is left alone, and so is one whose content
is near the top anyway. It reads nothing of the page's text or fields. When the on-screen
keyboard takes the bottom of the pane, the focused field is scrolled into what is left.

QtWebEngine is never imported here: the portal view brings it.
"""

from __future__ import annotations

from typing import Any

CONTENT_START_JS = r"""
(function () {
  if (window.scrollY > 0) { return "scrolled"; }
  var start = document.querySelector("main, [role=main]")
    || document.querySelector("h1") || document.querySelector("form");
  if (!start) { return "none"; }
  if (start.getBoundingClientRect().top < window.innerHeight / 5) { return "near-top"; }
  start.scrollIntoView({block: "start"});
  return "moved";
})()
"""


def scroll_to_content(page: Any, world_id: int) -> None:
    """Run the script on a loaded page (`page` is a QWebEnginePage; `world_id` the kiosk's
    own world)."""
    page.runJavaScript(CONTENT_START_JS, world_id)


FOCUSED_INTO_VIEW_JS = r"""
(function () {
  var el = document.activeElement;
  if (!el || el === document.body || !el.scrollIntoView) { return "none"; }
  el.scrollIntoView({block: "nearest"});
  return "shown";
})()
"""


def show_focused_field(page: Any, world_id: int) -> None:
    """Scroll the page so its focused field is in view (after the view got smaller: the
    on-screen keyboard took the bottom of the pane)."""
    page.runJavaScript(FOCUSED_INTO_VIEW_JS, world_id)
