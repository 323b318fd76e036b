"""The API's pydantic models and kiosk.protocol's dataclasses accept and reject the same records."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from collector.models import ContentReportIn, OutcomeIn, SessionIn, UploadBatchIn
from kiosk.protocol import ContentReportRecord, OutcomeRecord, RecordError, SessionRecord

SESSION: dict[str, Any] = {
    "uuid": "6f1c2f5e-2d7a-4b8e-9a51-0c7d1e2f3a4b",
    "kiosk_id": "phu-nhuan-kp3-a1",
    "help_point_id": "phu-nhuan-kp3",
    "started_at": "2026-11-27T09:00:00+07:00",
    "ended_at": "2026-11-27T09:12:00+07:00",
    "language": "vi",
    "text_size": "normal",
    "procedure_id": "dang-ky-tam-tru",
    "furthest_step": 3,
    "step_count": 7,
    "practice_modules": ["cccd", "vneid-activation"],
    "help_requests": 2,
    "rating": 4,
    "end_reason": "idle",
    "catalog_version": 12,
    "schema": 1,
}
OUTCOME: dict[str, Any] = {
    "uuid": "0b2e8c8a-5f4d-4c1e-8f7a-3d2c1b0a9e8f",
    "session_uuid": SESSION["uuid"],
    "kiosk_id": "phu-nhuan-kp3-a1",
    "outcome": "dossier-submitted",
    "marked_at": "2026-11-27T02:20:00Z",
    "volunteer_code": "TNV-7",
    "schema": 1,
}
CONTENT_REPORT: dict[str, Any] = {
    "uuid": "3c9d7e6f-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
    "kiosk_id": "phu-nhuan-kp3-a1",
    "procedure_id": "dang-ky-tam-tru",
    "step": 4,
    "reason": "picture",
    "catalog_version": 12,
    "reported_at": "2026-11-27T09:20:00+07:00",
    "schema": 1,
}

# Values that probe types, ranges, formats and look-alikes; each is tried in every field.
PROBES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    5,
    6,
    200,
    201,
    1000,
    1001,
    2**31 - 1,
    2**31,
    1.0,
    2.5,
    "",
    "x",
    "vi",
    "EN",
    "large",
    "xlarge",
    "finished",
    "volunteer-reset",
    "cccd",
    "vneid-activated",
    "info-only",
    "picture",
    "screen-changed",
    "Picture",
    "TNV-0",
    "TNV-12345",
    "tnv-1",
    "phu-nhuan",
    "Phu-nhuan",
    "-abc",
    "a" * 63,
    "a" * 64,
    "abc\n",
    "6F1C2F5E-2D7A-4B8E-9A51-0C7D1E2F3A4B",
    "{6f1c2f5e-2d7a-4b8e-9a51-0c7d1e2f3a4b}",
    "6f1c2f5e2d7a4b8e9a510c7d1e2f3a4b",
    "2026-11-27T09:00:00",
    "2026-11-27T09:00:00Z",
    "2026-11-27T01:00:00+00:00",
    "2026-11-28T09:00:00+07:00",
    "2026-11-27",
    "2026-13-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "2026-11-27T09:00:00.123456+07:00",
    "x" * 41,
    [],
    ["cccd"],
    ["cccd"] * 10,
    ["cccd"] * 11,
    ["nope"],
    [1],
    {},
    {"a": 1},
    "Nguyễn Văn A",
    "079123456789",
]


def _accepts_pydantic(model: Any, data: Any) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def _accepts_dataclass(record: Any, data: Any) -> bool:
    try:
        record.from_json(data)
    except RecordError:
        return False
    return True


def _variants(base: dict[str, Any]) -> list[dict[str, Any]]:
    variants = [dict(base)]
    for name in base:
        variants.append({k: v for k, v in base.items() if k != name})  # field missing
        for probe in PROBES:
            variants.append({**base, name: probe})
    variants.append({**base, "resident_name": "Nguyễn Văn A"})
    variants.append({**base, "schema_": 1})
    return variants


@pytest.mark.parametrize(
    ("model", "record", "base"),
    [
        (SessionIn, SessionRecord, SESSION),
        (OutcomeIn, OutcomeRecord, OUTCOME),
        (ContentReportIn, ContentReportRecord, CONTENT_REPORT),
    ],
    ids=["session", "outcome", "content-report"],
)
def test_models_and_dataclasses_agree_on_samples(model: Any, record: Any, base: Any) -> None:
    """Every sample (each field missing, or set to each probe value) gets the same verdict."""
    disagreements = []
    accepted = 0
    for data in _variants(base):
        verdict = _accepts_pydantic(model, data)
        if verdict != _accepts_dataclass(record, data):
            disagreements.append((verdict, data))
        accepted += verdict
    assert not disagreements, disagreements[:3]
    assert accepted > 20  # the samples exercise acceptance too, not only rejection


_field_values = st.sampled_from(PROBES) | st.text(max_size=8) | st.integers(-3, 300)


@settings(max_examples=400, deadline=None, database=None)
@given(
    kind=st.sampled_from(["session", "outcome", "content-report"]),
    changes=st.dictionaries(
        st.sampled_from(sorted(set(SESSION) | set(OUTCOME) | set(CONTENT_REPORT) | {"extra"})),
        _field_values,
        max_size=4,
    ),
    drop=st.sets(
        st.sampled_from(sorted(set(SESSION) | set(OUTCOME) | set(CONTENT_REPORT))), max_size=2
    ),
)
def test_models_and_dataclasses_agree_on_random_edits(
    kind: str, changes: dict[str, Any], drop: set[str]
) -> None:
    """Random multi-field edits of valid records get the same verdict from both definitions."""
    base, model, record = {
        "session": (SESSION, SessionIn, SessionRecord),
        "outcome": (OUTCOME, OutcomeIn, OutcomeRecord),
        "content-report": (CONTENT_REPORT, ContentReportIn, ContentReportRecord),
    }[kind]
    data = {k: v for k, v in {**base, **changes}.items() if k not in drop}
    assert _accepts_pydantic(model, data) == _accepts_dataclass(record, data), data


def test_schema_field_keeps_its_wire_name() -> None:
    """The pydantic field for `schema` is called "schema" on the wire and in the OpenAPI."""
    properties = SessionIn.model_json_schema(by_alias=True)["properties"]
    assert "schema" in properties and "schema_" not in properties
    assert set(properties) == set(SessionRecord.__dataclass_fields__)
    assert set(OutcomeIn.model_json_schema(by_alias=True)["properties"]) == set(
        OutcomeRecord.__dataclass_fields__
    )
    assert set(ContentReportIn.model_json_schema(by_alias=True)["properties"]) == set(
        ContentReportRecord.__dataclass_fields__
    )
    with pytest.raises(ValidationError):
        UploadBatchIn.model_validate({"sessions": [], "notes": "free text"})


def test_protocol_rejects_unhashable_enum_values_with_record_error() -> None:
    """A list in an enum field should be a RecordError naming the field, like any bad value."""
    with pytest.raises(RecordError):
        SessionRecord.from_json({**SESSION, "language": []})


def test_protocol_rejects_an_id_with_a_trailing_newline() -> None:
    """An id followed by a newline is not an id (the collector refuses it on its own)."""
    with pytest.raises(RecordError):
        SessionRecord.from_json({**SESSION, "help_point_id": "phu-nhuan-kp3\n"})
