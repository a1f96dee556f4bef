"""A server is never left running: however the Python process that started it ends, the server
goes too (atexit for a normal exit, PR_SET_PDEATHSIG for os._exit and signals, SIGKILL included)."""

import json
import subprocess
import sys
import time
import urllib.request

import pytest

from http_api import gone

PROGRAM = """
import json, os, signal, sys
from assistants_mock import start_mock
mock = start_mock()
print(json.dumps({"url": mock.url, "pid": mock.pid}), flush=True)
%s
"""

ENDINGS = {
    "returns without stop()": "",
    "raises an uncaught exception": "raise RuntimeError('boom')",
    "calls os._exit()": "os._exit(3)",
    "is killed with SIGKILL": "os.kill(os.getpid(), signal.SIGKILL)",
    "is killed with SIGTERM": "os.kill(os.getpid(), signal.SIGTERM)",
}


@pytest.mark.parametrize("ending", ENDINGS.values(), ids=ENDINGS.keys())
def test_the_server_stops_with_its_process(ending):
    child = subprocess.Popen([sys.executable, "-c", PROGRAM % ending], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    started = json.loads(child.stdout.readline())
    child.wait(10)
    deadline = time.monotonic() + 5
    while not gone(started["pid"]):
        assert time.monotonic() < deadline, f"server {started['pid']} still running"
        time.sleep(0.02)
    with pytest.raises(OSError):
        urllib.request.urlopen(started["url"] + "/__admin/health", timeout=1)
