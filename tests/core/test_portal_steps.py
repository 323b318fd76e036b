"""The guide follows the portal: a step's `portal_path` names the portal page it explains;
when the portal shows another step's page the kiosk offers (never forces) to move the guide."""

from __future__ import annotations

import pytest

from kiosk.catalog.loader import portal_path_problem
from kiosk.catalog.model import Step, Text
from kiosk.portal_steps import offer_to_follow, path_matches, step_on_portal


def step(pattern: str | None) -> Step:
    return Step(title=Text(vi="b", en=None), body=Text(vi="b", en=None), portal_path=pattern)


STEPS = (step(None), step("/login*"), step("/form/*"), step("*/nop-ho-so"), step(None))


@pytest.mark.parametrize(
    ("pattern", "path", "fits"),
    [
        ("/login*", "/login", True),
        ("/login*", "/login/otp", True),
        ("/login*", "/x/login", False),
        ("/form/*", "/form/2", True),
        ("/form/*", "/form", False),
        ("*/nop-ho-so", "/dvc/hs/nop-ho-so", True),
        ("/a.b", "/aXb", False),  # only * is special
    ],
)
def test_path_patterns(pattern: str, path: str, fits: bool) -> None:
    assert path_matches(pattern, path) is fits


def test_the_first_step_whose_page_it_is_and_never_the_query() -> None:
    assert step_on_portal(STEPS, "https://dichvucong.gov.vn/form/1?name=Nguyen") == 2
    assert step_on_portal(STEPS, "https://dichvucong.gov.vn/?next=/form/1") is None
    assert step_on_portal(STEPS, "https://dichvucong.gov.vn/p/home#/form/1") is None
    assert step_on_portal(STEPS, "not a url at all") is None


def test_an_offer_only_when_portal_and_guide_differ() -> None:
    assert offer_to_follow(STEPS, "https://x.gov.vn/form/2", on_screen=2) is None
    assert offer_to_follow(STEPS, "https://x.gov.vn/form/2", on_screen=1) == 2
    assert offer_to_follow(STEPS, "https://x.gov.vn/elsewhere", on_screen=1) is None


@pytest.mark.parametrize("bad", ["login", "/a?b=1", "/a#b", "/a b", "/*", "*", "/" + "x" * 300])
def test_a_pattern_that_cannot_name_one_page_is_refused(bad: str) -> None:
    assert portal_path_problem(bad) is not None


def test_good_patterns_pass() -> None:
    for good in ("/login*", "*/nop-ho-so", "/form/*"):
        assert portal_path_problem(good) is None
