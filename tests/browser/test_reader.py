"""Chromium starts, and the guards every browser test relies on do catch what they look for.

This is the one browser module that is always collected: without Chromium or axe-core it is the
single skipped module, and its reason says how to install them.
"""

from __future__ import annotations

import pytest

from .conftest import MISSING, Reader, browser_missing

if browser_missing():
    pytest.skip(MISSING, allow_module_level=True)


def test_requests_elsewhere_are_recorded_and_stopped(reader: Reader) -> None:
    reader.open("")
    # Another port of this machine is another host to the router, which stops the request
    # before any connection is made.
    elsewhere = "http://127.0.0.1:9/probe.js"
    outcome = reader.page.evaluate(
        "url => fetch(url).then(() => 'fetched', () => 'failed')", elsewhere
    )
    assert outcome == "failed"
    assert reader.foreign == [elsewhere]
    assert reader.served[0] == reader.base


def test_console_errors_and_exceptions_are_recorded(reader: Reader) -> None:
    reader.open("")
    with reader.page.expect_console_message():
        reader.page.evaluate("console.error('probe')")
    with reader.page.expect_event("pageerror"):
        reader.page.add_script_tag(content="throw new Error('thrown probe')")
    assert reader.errors[0] == "/: probe"
    assert len(reader.errors) == 2 and "thrown probe" in reader.errors[1]
