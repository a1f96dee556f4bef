"""The fixtures and the admin helpers, over plain HTTP."""

import urllib.error

import pytest

from assistants_mock import AdminError, MockServer
from http_api import ANSWER, api, seed_flow

seen_session_urls = set()


@pytest.mark.assistants_mock(scenario="../../../scenarios/seed_article.json", seed=5)
def test_marker_scenario_scripts_the_answer(assistants_mock):
    assert isinstance(assistants_mock, MockServer)
    assert assistants_mock.base_url == assistants_mock.url + "/v1"
    _, run, text = seed_flow(assistants_mock)
    assert run["status"] == "completed"
    assert text == ANSWER


@pytest.mark.assistants_mock(seed=42)
def test_seed_gives_the_same_ids_after_reset(assistants_mock):
    first = api(assistants_mock, "POST", "/assistants", {"model": "gpt-4o"})
    assistants_mock.reset()
    with pytest.raises(urllib.error.HTTPError) as missing:
        api(assistants_mock, "GET", f"/assistants/{first['id']}")
    assert missing.value.code == 404
    assert api(assistants_mock, "POST", "/assistants", {"model": "gpt-4o"})["id"] == first["id"]


@pytest.mark.assistants_mock(clock="manual", scenario="../../../scenarios/function_calling.json")
def test_manual_clock_expires_a_waiting_run(assistants_mock):
    assistant = api(assistants_mock, "POST", "/assistants", {"model": "gpt-4o"})
    run = api(assistants_mock, "POST", "/threads/runs", {
        "assistant_id": assistant["id"], "thread": {"messages": [{"role": "user", "content": "weather?"}]}})
    assistants_mock.advance_clock(1)
    path = f"/threads/{run['thread_id']}/runs/{run['id']}"
    assert api(assistants_mock, "GET", path)["status"] == "requires_action"
    assistants_mock.advance_clock(600)
    assert api(assistants_mock, "GET", path)["status"] == "expired"


@pytest.mark.assistants_mock(api_key="sk-only-this")
def test_api_key(assistants_mock):
    assert assistants_mock.api_key == "sk-only-this"
    with pytest.raises(urllib.error.HTTPError) as refused:
        api(assistants_mock, "GET", "/assistants", key="sk-other")
    assert refused.value.code == 401
    assert api(assistants_mock, "GET", "/assistants", key="sk-only-this")["object"] == "list"


def test_journal_faults_and_scenarios(assistants_mock):
    api(assistants_mock, "POST", "/assistants", {"model": "gpt-4o", "name": "Counted"})
    assert assistants_mock.count(method="POST", path="/v1/assistants", body={"name": "Counted"}) == 1
    assert [e["status"] for e in assistants_mock.requests(path="/v1/assistants")] == [200]
    assistants_mock.clear_requests()
    assert assistants_mock.requests() == []

    assistants_mock.inject_fault(method="POST", path="/v1/threads", status=503, count=1)
    with pytest.raises(urllib.error.HTTPError) as fault:
        api(assistants_mock, "POST", "/threads", {})
    assert fault.value.code == 503
    assert api(assistants_mock, "POST", "/threads", {})["object"] == "thread"

    assistants_mock.set_scenario({"rules": [{"when": {"message_contains": "ping"}, "then": [{"message": "pong"}]}]})
    assistant = api(assistants_mock, "POST", "/assistants", {"model": "gpt-4o"})
    run = api(assistants_mock, "POST", "/threads/runs", {
        "assistant_id": assistant["id"], "thread": {"messages": [{"role": "user", "content": "ping"}]}})
    assistants_mock.advance_clock(60)
    messages = api(assistants_mock, "GET", f"/threads/{run['thread_id']}/messages?limit=1")
    assert messages["data"][0]["content"][0]["text"]["value"] == "pong"
    with pytest.raises(AdminError) as invalid:
        assistants_mock.set_scenario({"rules": "not a list"})
    assert invalid.value.status == 400


def test_each_test_gets_its_own_server(assistants_mock, assistants_mock_session):
    assert assistants_mock.url != assistants_mock_session.url
    seen_session_urls.add(assistants_mock_session.url)


def test_the_session_server_is_shared(assistants_mock_session):
    seen_session_urls.add(assistants_mock_session.url)
    assert len(seen_session_urls) == 1
    assert assistants_mock_session.health() == {"status": "ok"}


def test_stop_is_idempotent():
    from assistants_mock import start_mock

    mock = start_mock()
    assert mock.stop() == 0
    assert mock.stop() == 0
    with pytest.raises(urllib.error.URLError):
        mock.health()
