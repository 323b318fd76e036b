"""What kind of field has the keyboard focus inside a web page (the portal view).

A QWebEngineView gives Qt no field of its own: the page's focused element decides whether
Vietnamese composition applies. A small script, run in an isolated JavaScript world (the
page's own scripts cannot see or change it), answers "text:<the word before the caret>" for
a text input or a textarea ("text" for another editable element, "text:selection" when text
is selected), and something else for passwords, one-time codes, numbers, phone numbers,
e-mail and web addresses, and anything it cannot see into (a frame from another site), whose
keys then pass through untouched. It never answers with more than the last word of a text
field, and nothing of a secret one.

QtWebEngine is never imported here: the portal view brings it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

TEXT = "text"


def read_answer(answer: object) -> tuple[bool, str | None]:
    """(the focused element takes Vietnamese, the word before its caret if known) from what
    FIELD_KIND_JS answered. A selection counts as not text: the key replaces it as typed."""
    if not isinstance(answer, str) or not (answer == TEXT or answer.startswith(TEXT + ":")):
        return False, None
    if answer == TEXT + ":selection":
        return False, None
    return True, (answer[len(TEXT) + 1 :] if ":" in answer else None)


# Parts of a field's name, id or autocomplete that mark digits or secrets ("txtOTP",
# "one-time-code", "matKhau", "soDienThoai" …), and short words that must stand alone.
_SECRET_PARTS = (
    "otp",
    "one-time",
    "password",
    "passwd",
    "matkhau",
    "mat_khau",
    "mat-khau",
    "cccd",
    "cmnd",
    "dinhdanh",
    "dinh_danh",
    "phone",
    "sdt",
    "dienthoai",
    "dien_thoai",
    "email",
    "username",
    "captcha",
    "cc-",
)
_SECRET_WORDS = ("tel", "pin", "tel-national")

FIELD_KIND_JS = r"""
(function () {
  var el = document.activeElement;
  while (el) {
    if (el.shadowRoot && el.shadowRoot.activeElement) {
      el = el.shadowRoot.activeElement;
      continue;
    }
    if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
      var inner = null;
      try { inner = el.contentDocument && el.contentDocument.activeElement; } catch (e) {}
      if (!inner) { return 'unknown'; }
      el = inner;
      continue;
    }
    break;
  }
  if (!el) { return 'none'; }
  function attr(name) { return (el.getAttribute(name) || '').toLowerCase(); }
  var mode = attr('inputmode');
  if (['numeric', 'decimal', 'tel', 'email', 'url', 'none'].indexOf(mode) >= 0) { return mode; }
  var words = [attr('name'), attr('id'), attr('autocomplete')].join(' ').split(/[^a-z0-9_-]+/);
  var parts = SECRET_PARTS, exact = SECRET_WORDS;
  for (var i = 0; i < words.length; i++) {
    if (exact.indexOf(words[i]) >= 0) { return 'secret'; }
    for (var j = 0; j < parts.length; j++) {
      if (words[i].indexOf(parts[j]) >= 0) { return 'secret'; }
    }
  }
  var type = (el.getAttribute('type') || 'text').toLowerCase();
  if (el.tagName === 'INPUT' && type !== 'text' && type !== 'search') { return type; }
  if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') {
    // Only the word just before the caret: the composer continues it.
    if (el.selectionStart !== el.selectionEnd) { return 'text:selection'; }
    var before = el.value.slice(0, el.selectionStart).match(/[\p{L}\p{M}\d]*$/u);
    return 'text:' + (before ? before[0] : '');
  }
  if (el.isContentEditable) { return 'text'; }
  return 'other';
})()
""".replace("SECRET_PARTS", "[" + ", ".join(f"'{w}'" for w in _SECRET_PARTS) + "]").replace(
    "SECRET_WORDS", "[" + ", ".join(f"'{w}'" for w in _SECRET_WORDS) + "]"
)


def web_view_of(widget: QObject | None) -> QWidget | None:
    """The QWebEngineView `widget` is, or belongs to (its focus proxy is a child), or None."""
    while widget is not None:
        if isinstance(widget, QWidget) and widget.inherits("QWebEngineView"):
            return widget
        widget = widget.parent()
    return None
