"""Options and markers, through an inner pytest run (pytester): scenario, seed and clock from the
command line; a cassette recorded from an upstream when missing, then replayed without it."""

import os

import pytest

from assistants_mock import start_mock
from http_api import SEED_SCENARIO

FLOW_TEST = '''
from http_api import ANSWER, seed_flow
import pytest

@pytest.mark.assistants_mock(cassette="flow.json")
def test_flow(assistants_mock):
    assistant, run, text = seed_flow(assistants_mock)
    assert run["status"] == "completed"
    assert text == ANSWER
'''

OPTIONS_TEST = '''
from http_api import api

def test_options(assistants_mock_session):
    assert assistants_mock_session.clock()["mode"] == "manual"
    assistant = api(assistants_mock_session, "POST", "/assistants", {"model": "m"})
    print("ID", assistant["id"])
'''


@pytest.fixture
def inner(pytester, monkeypatch):
    """An inner pytest project that can import http_api and the plugin."""
    here = os.path.dirname(os.path.abspath(__file__))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([here, os.environ.get("PYTHONPATH", "")]))
    return pytester


def run(pytester, *args):
    return pytester.runpytest_subprocess("-p", "assistants_mock.pytest_plugin", "-s", *args)


def test_a_cassette_is_recorded_when_missing_then_replayed(inner):
    inner.makepyfile(test_flow=FLOW_TEST)
    upstream = start_mock(scenario=SEED_SCENARIO, seed=9, run_step_ms=1, poll_after_ms=1)
    try:
        recorded = run(inner, "--assistants-mock-upstream", upstream.url)
        recorded.assert_outcomes(passed=1)
    finally:
        upstream.stop()
    assert (inner.path / "flow.json").is_file()
    # The upstream is gone: the same command replays the cassette (record mode once) ...
    run(inner, "--assistants-mock-upstream", upstream.url).assert_outcomes(passed=1)
    # ... and so does replay alone.
    run(inner).assert_outcomes(passed=1)


def test_scenario_seed_and_clock_from_the_command_line(inner):
    inner.makepyfile(test_options=OPTIONS_TEST)
    result = run(inner, "--assistants-mock-clock", "manual", "--assistants-mock-seed", "11",
                 "--assistants-mock-scenario", str(SEED_SCENARIO))
    result.assert_outcomes(passed=1)
    first_id = [line for line in result.outlines if line.startswith("ID ")]
    again = run(inner, "--assistants-mock-clock", "manual", "--assistants-mock-seed", "11")
    assert [line for line in again.outlines if line.startswith("ID ")] == first_id


def test_the_marker_is_registered(inner):
    result = run(inner, "--markers")
    result.stdout.fnmatch_lines(["*assistants_mock(scenario=None*"])
