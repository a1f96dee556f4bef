"""Start-up failures are errors that say why, never hangs."""

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

import assistants_mock
from assistants_mock import BinaryNotFoundError, StartError, find_binary, start_mock, start_replay


def test_no_binary_anywhere_names_the_four_places(tmp_path):
    # A copy of the package outside the repository, so that its build is not there either.
    copy = tmp_path / "clients" / "python"
    shutil.copytree(os.path.dirname(assistants_mock.__file__), copy / "assistants_mock")
    env = {k: v for k, v in os.environ.items() if k != "ASSISTANTS_MOCK_BIN"}
    env.update(PATH=str(tmp_path), PYTHONPATH=str(copy))
    program = ("import assistants_mock\n"
               "try:\n    assistants_mock.start_mock()\n"
               "except assistants_mock.BinaryNotFoundError as error:\n    print(error)\n")
    out = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True).stdout
    assert "binary argument" in out
    assert "ASSISTANTS_MOCK_BIN" in out
    assert "PATH" in out
    assert "this repository's build" in out
    assert str(tmp_path / "build" / "release" / "bin" / "assistants-mock") in out


def test_a_binary_argument_naming_nothing_is_an_error():
    with pytest.raises(BinaryNotFoundError, match="/nonexistent/assistants-mock"):
        start_mock(binary="/nonexistent/assistants-mock")


def test_as_of_needs_a_server_with_the_flag():
    help_text = subprocess.run([find_binary(), "serve", "--help"], capture_output=True, text=True).stdout
    started = time.monotonic()
    if "--as-of" in help_text:
        start_mock(as_of="2024-04-16").stop()
        return
    with pytest.raises(StartError) as refused:
        start_mock(as_of="2024-04-16")
    assert "exited with status 2 before it was ready" in str(refused.value)
    assert "--as-of" in str(refused.value)
    assert time.monotonic() - started < 5


def test_a_refused_scenario_file_gives_the_servers_message(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"rules": [{"then": [{"nonsense": True}]}]}))
    with pytest.raises(StartError, match="invalid scenario"):
        start_mock(scenario=bad)


def test_replay_of_a_missing_cassette_gives_the_servers_message():
    with pytest.raises(StartError, match="(?s)before it was ready.*nonexistent"):
        start_replay("/nonexistent/cassette.json")
