"""pytest plugin: the `assistants_mock` (per test) and `assistants_mock_session` (per session)
fixtures, each a started server with `base_url` and the admin helpers.

Loaded by the `pytest11` entry point once the package is installed, or from a checkout with
`pytest -p assistants_mock.pytest_plugin` (clients/python on PYTHONPATH).

Settings, later ones winning: command-line options (`--assistants-mock-scenario`, `-seed`,
`-clock`, `-cassette`, `-upstream`, `-record-mode`, `-bin`; paths relative to where pytest was
started), then, for `assistants_mock` only, the marker
`@pytest.mark.assistants_mock(scenario=..., seed=..., clock="manual", as_of=..., api_key=...,
cassette=..., upstream=..., mode=...)` (paths relative to the test file).

With a cassette and an upstream the fixture runs `record` (mode `once` unless given: a missing
cassette is recorded, an existing one replayed); with a cassette alone, `replay`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest

from assistants_mock import Server, start_mock, start_record, start_replay

_OPTIONS = {
    # option name: (fixture setting, help)
    "scenario": ("scenario", "scenario file for the assistants_mock fixtures"),
    "seed": ("seed", "id sequence seed"),
    "clock": ("clock", "real or manual (time moves only through advance_clock())"),
    "cassette": ("cassette", "replay this cassette (or record it, with --assistants-mock-upstream)"),
    "upstream": ("upstream", "record from this upstream when the cassette is missing"),
    "record-mode": ("mode", "record mode: once (default), new_episodes, all, none"),
    "bin": ("binary", "the assistants-mock binary (else $ASSISTANTS_MOCK_BIN, PATH, the repository's build)"),
}
_PATHS = ("scenario", "cassette", "binary")
_MARKER = ("assistants_mock(scenario=None, seed=None, clock=None, as_of=None, api_key=None, cassette=None, "
           "upstream=None, mode=None): settings of the assistants_mock fixture for this test")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("assistants-mock")
    for name, (_, help_text) in _OPTIONS.items():
        kwargs: Dict[str, Any] = {"help": help_text}
        if name == "seed":
            kwargs["type"] = int
        if name == "clock":
            kwargs["choices"] = ["real", "manual"]
        group.addoption(f"--assistants-mock-{name}", dest=f"assistants_mock_{name.replace('-', '_')}", **kwargs)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", _MARKER)


def _from_options(config: pytest.Config) -> Dict[str, Any]:
    settings: Dict[str, Any] = {}
    base = Path(config.invocation_params.dir)
    for name, (setting, _) in _OPTIONS.items():
        value = config.getoption(f"assistants_mock_{name.replace('-', '_')}")
        if value is None:
            continue
        settings[setting] = str(base / value) if setting in _PATHS else value
    return settings


def _start(settings: Dict[str, Any]) -> Server:
    settings = dict(settings)
    cassette = settings.pop("cassette", None)
    upstream = settings.pop("upstream", None)
    mode = settings.pop("mode", None)
    binary = settings.pop("binary", None)
    if cassette is not None:
        if settings:
            raise pytest.UsageError(f"assistants_mock: {sorted(settings)} do not apply to a cassette")
        if upstream is not None:
            return start_record(cassette, upstream=upstream, mode=mode or "once", binary=binary)
        return start_replay(cassette, binary=binary)
    if upstream is not None or mode is not None:
        raise pytest.UsageError("assistants_mock: upstream and mode need a cassette")
    return start_mock(binary=binary, **settings)


@pytest.fixture
def assistants_mock(request: pytest.FixtureRequest):
    """A server for this test alone (marker and options say which)."""
    settings = _from_options(request.config)
    marker = request.node.get_closest_marker("assistants_mock")
    if marker is not None:
        if marker.args:
            raise pytest.UsageError("assistants_mock marker: give settings as keywords, e.g. scenario=...")
        here = Path(str(request.node.fspath)).parent
        for key, value in marker.kwargs.items():
            settings[key] = str(here / value) if key in _PATHS and value is not None else value
    server = _start(settings)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def assistants_mock_session(request: pytest.FixtureRequest):
    """One server for the whole session (options say which); reset() it between tests as needed."""
    server = _start(_from_options(request.config))
    yield server
    server.stop()
