"""Plain-HTTP helpers for the plugin's tests (the Python openai SDK is not installed in CI)."""

import json
import os
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SEED_SCENARIO = REPO / "scenarios" / "seed_article.json"
ANSWER = "The solution to the equation `3x + 11 = 14` is `x = 1`, Jane Doe."


def api(mock, method, path, body=None, key="sk-test"):
    """One Assistants API call (v2) to the server; the answer's JSON."""
    data = json.dumps(body).encode() if body is not None else (b"" if method == "POST" else None)
    request = urllib.request.Request(f"{mock.base_url}{path}", method=method, data=data, headers={
        "Authorization": f"Bearer {key}", "OpenAI-Beta": "assistants=v2", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def seed_flow(mock):
    """The seed article's flow, polling the run as the SDK would; (assistant, run, last text)."""
    assistant = api(mock, "POST", "/assistants", {"model": "gpt-4", "name": "Math Tutor",
                                                  "tools": [{"type": "code_interpreter"}]})
    thread = api(mock, "POST", "/threads", {"messages": [
        {"role": "user", "content": "I need to solve the equation `3x + 11 = 14`. Can you help me?"}]})
    run = api(mock, "POST", f"/threads/{thread['id']}/runs", {"assistant_id": assistant["id"]})
    deadline = time.monotonic() + 10
    while run["status"] in ("queued", "in_progress") and time.monotonic() < deadline:
        time.sleep(0.01)
        run = api(mock, "GET", f"/threads/{thread['id']}/runs/{run['id']}")
    last = api(mock, "GET", f"/threads/{thread['id']}/messages?limit=1")["data"][0]
    return assistant, run, last["content"][0]["text"]["value"]


def gone(pid):
    """True once the process is gone (or a zombie nobody reaped yet)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True
    except OSError:
        return not os.path.exists(f"/proc/{pid}")
