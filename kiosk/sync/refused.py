"""What IT reads when the collector refused records: the reasons and what to do, in one place.

`dvc-kiosk sync` and `dvc-kiosk status` print it; the volunteer panel shows its own short
sentence (ui/refused_notice.py) from the same reason codes. The records themselves are kept on
the kiosk (kiosk.journal.parked) until the cause is fixed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.config import KioskConfig
from kiosk.fleet_protocol import IDENTITY_REASONS, LEGACY_REJECTED, Identity
from kiosk.sync.fleet import KV_TOKEN_HELP_POINT, KV_TOKEN_KIOSK


def token_ids(journal: Any) -> tuple[str, str] | None:
    """(kiosk id, help point id) the token had at the last identity check, or None."""
    kiosk, point = journal.kv_get(KV_TOKEN_KIOSK), journal.kv_get(KV_TOKEN_HELP_POINT)
    return (kiosk, point) if kiosk and point else None


def is_identity_problem(by_reason: Mapping[str, int]) -> bool:
    """Whether some parked records were refused for naming another kiosk or help point."""
    return any(reason in IDENTITY_REASONS for reason in by_reason)


def refused_advice(
    by_reason: Mapping[str, int],
    config: KioskConfig,
    token: Identity | tuple[str, str] | None,
) -> str:
    """One or two sentences for IT: why the records were refused and what to do."""
    if isinstance(token, Identity):
        token = (token.kiosk_id, token.help_point_id)
    ours = (config.kiosk_id, config.help_point.id)
    parts: list[str] = []
    if is_identity_problem(by_reason) or LEGACY_REJECTED in by_reason:
        if token is None:
            parts.append(
                "Records named another kiosk or help point than this kiosk's token: run "
                "`dvc-kiosk provision` again while the collector is reachable (it writes the "
                "token's ids); the records are kept and sent again at the next sync."
            )
        elif token != ours:
            parts.append(
                f"This config names kiosk '{ours[0]}' at '{ours[1]}', but the token is kiosk "
                f"'{token[0]}' at '{token[1]}': run `dvc-kiosk provision` again (without "
                "--kiosk-id); the records are kept and sent again at the next sync."
            )
        else:
            parts.append(
                "The config now names the token's kiosk: the next `dvc-kiosk sync` sends "
                "these records again under its ids."
            )
    if any(reason not in IDENTITY_REASONS | {LEGACY_REJECTED} for reason in by_reason):
        parts.append(
            "Records the collector could not accept (invalid or conflicting): send the output "
            "of `dvc-kiosk status` to the developers; once fixed, `dvc-kiosk sync "
            "--retry-refused` sends them again."
        )
    return " ".join(parts)
