# The README's "Use it from your tests" Python example, as it stands there (the scenario path
# is relative to this file; the README's to the repository).
import json
import urllib.request

import pytest


def api(mock, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else (b"" if method == "POST" else None)
    request = urllib.request.Request(mock.base_url + path, method=method, data=data, headers={
        "Authorization": "Bearer sk-test", "OpenAI-Beta": "assistants=v2", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


@pytest.mark.assistants_mock(scenario="../../../scenarios/seed_article.json", seed=1, clock="manual")
def test_math_tutor(assistants_mock):
    assistant = api(assistants_mock, "POST", "/assistants", {"model": "gpt-4", "name": "Math Tutor"})
    thread = api(assistants_mock, "POST", "/threads",
                 {"messages": [{"role": "user", "content": "Solve `3x + 11 = 14`."}]})
    run = api(assistants_mock, "POST", f"/threads/{thread['id']}/runs", {"assistant_id": assistant["id"]})
    assistants_mock.advance_clock(60)                    # the manual clock: the run is done now
    run = api(assistants_mock, "GET", f"/threads/{thread['id']}/runs/{run['id']}")
    assert run["status"] == "completed"
    last = api(assistants_mock, "GET", f"/threads/{thread['id']}/messages?limit=1")["data"][0]
    assert "x = 1" in last["content"][0]["text"]["value"]
    assert assistants_mock.count(method="POST", path="/v1/threads/*/runs") == 1
