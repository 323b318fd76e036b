"""How money and dates are written for residents: `30.000 đ`, `dd/mm/yyyy` (the same in both
languages). Sentences around them are the UI's (ui/messages.py, Qt Linguist)."""

from __future__ import annotations

from datetime import date


def money(amount: int) -> str:
    """30000 -> '30.000 đ' (dots group thousands, as Vietnamese write money)."""
    return f"{amount:,}".replace(",", ".") + " đ"


def day(value: date) -> str:
    """A date as dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")
