#!/usr/bin/env python3
"""Writes the seed corpora, tests/fuzz/corpus/<target>/, from the project's own fixtures
(cassettes/examples, contracts/fixtures/cassettes, scenarios/) and a few hand-written inputs
for what no fixture shows (vector stores, faults, uploads, OpenAPI documents). Each input is
in the target's format, described at the top of the target's .cpp. Replaces the corpus
directories; regressions/ is never touched. Run: python3 tests/fuzz/make_seeds.py"""
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"
CASSETTES = sorted((ROOT / "cassettes/examples").glob("*.json")) + sorted(
    (ROOT / "contracts/fixtures/cassettes").glob("*.json"))
SCENARIOS = [p for p in sorted((ROOT / "scenarios").glob("*.json")) if not p.name.endswith(".schema.json")]


def write(target, name, data):
    path = CORPUS / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# ---- request_body: first byte = validator index (request_body.cpp, k_validators) ----------

def validator_index(method, path, version):
    v1 = version == "assistants=v1"
    parts = path.strip("/").split("/")[1:]  # without "v1"
    if method != "POST":
        return None
    table = {
        ("assistants",): 0, ("assistants", "*"): 2, ("threads",): 4, ("threads", "*"): 6,
        ("threads", "*", "messages"): 8, ("threads", "*", "messages", "*"): 10,
        ("threads", "*", "runs"): 11, ("threads", "runs"): 13,
        ("threads", "*", "runs", "*", "submit_tool_outputs"): 15, ("threads", "*", "runs", "*"): 10,
    }
    key = tuple(p if p in ("assistants", "threads", "messages", "runs", "submit_tool_outputs") else "*"
                for p in parts)
    index = table.get(key)
    if index is None:
        return None
    return index + 1 if v1 and index in (0, 2, 4, 6, 8, 11, 13) else index


HAND_BODIES = {
    16: [{"file_id": "file-abc123"}],
    17: [{"name": "Docs", "file_ids": ["file-a", "file-b"], "expires_after": {"anchor": "last_active_at", "days": 7},
          "chunking_strategy": {"type": "static", "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}},
          "metadata": {"team": "docs"}}],
    18: [{"name": None, "expires_after": None, "metadata": {"k": "v"}}],
    19: [{"file_id": "file-a", "attributes": {"lang": "en", "pages": 3, "draft": False}}],
    20: [{"attributes": {"lang": "fr"}}],
    21: [{"file_ids": ["file-a", "file-b"], "chunking_strategy": {"type": "auto"}},
         {"files": [{"file_id": "file-a", "attributes": {"n": 1}}, {"file_id": "file-b"}]}],
    22: [{"v": {"file_ids": ["file-a"], "chunking_strategy": {"type": "auto"}, "metadata": {}}}],
    23: [{"v": {"type": "static", "static": {"max_chunk_size_tokens": 100, "chunk_overlap_tokens": 50}}}],
    24: [{"v": {"a": "b", "n": 1.5, "t": True}}],
    25: [{"v": {"code_interpreter": {"file_ids": ["file-a"]}, "file_search": {"vector_store_ids": ["vs_a"]}}},
         {"v": {"file_search": {"vector_stores": [{"file_ids": ["file-a"]}]}}}],
    26: [{"v": {"type": "json_schema", "json_schema": {"name": "answer", "strict": True,
                                                        "schema": {"type": "object", "properties": {}}}}},
         {"v": "auto"}],
    27: [{"method": "POST", "path": "/v1/threads/*/runs", "count": 2, "status": 429,
          "headers": {"retry-after-ms": "10"}, "body": {"error": {"message": "slow down"}}}],
    28: [{"model": "gpt-4o", "input": [{"role": "user", "content": [{"type": "input_text", "text": "hi"},
                                                                 {"type": "input_image", "image_url": "https://x/y.png"}]},
                                      {"type": "function_call_output", "call_id": "call_a", "output": "42"},
                                      {"type": "item_reference", "id": "msg_a"}],
          "instructions": "Be brief.", "tools": [{"type": "function", "name": "f", "parameters": {"type": "object"}},
                                                 {"type": "code_interpreter", "container": {"type": "auto"}},
                                                 {"type": "file_search", "vector_store_ids": ["vs_a"]}],
          "tool_choice": {"type": "function", "name": "f"}, "text": {"format": {"type": "json_schema", "name": "a",
                                                                                 "schema": {"type": "object"}}},
          "include": ["code_interpreter_call.outputs"], "reasoning": {"effort": "low"}, "metadata": {"k": "v"},
          "max_output_tokens": 64, "store": False, "stream": True}],
    29: [{"model": "gpt-4o", "input": "count me", "conversation": {"id": "conv_a"}}],
    30: [{"model": "gpt-4o", "previous_response_id": "resp_a", "input": [{"role": "assistant", "content": "ok"}]}],
    31: [{"items": [{"type": "message", "role": "developer", "content": "x"}, {"role": "user", "content": []}]}],
    11: [{"assistant_id": "asst_abc", "model": "gpt-4o", "temperature": 0.5, "top_p": 1, "max_prompt_tokens": 500,
          "max_completion_tokens": 200, "truncation_strategy": {"type": "last_messages", "last_messages": 3},
          "tool_choice": {"type": "function", "function": {"name": "f"}}, "parallel_tool_calls": False,
          "response_format": {"type": "json_object"}, "additional_messages": [
              {"role": "user", "content": [{"type": "text", "text": "hi"},
                                           {"type": "image_url", "image_url": {"url": "https://x/y.png"}}],
               "attachments": [{"file_id": "file-a", "tools": [{"type": "file_search"}]}]}],
          "metadata": {"a": "b"}, "stream": True}],
}


def request_body_seeds():
    seen = set()
    for cassette_path in CASSETTES:
        cassette = json.loads(cassette_path.read_text())
        version = cassette["meta"].get("api_version")
        for interaction in cassette["interactions"]:
            request = interaction["request"]
            body = (request.get("body") or {}).get("json")
            index = validator_index(request["method"], request["path"], version)
            if body is None or index is None or (index, compact(body)) in seen:
                continue
            seen.add((index, compact(body)))
            write("request_body", f"{cassette_path.stem}-{len(seen):02d}", bytes([index]) + compact(body).encode())
    for index, bodies in HAND_BODIES.items():
        for n, body in enumerate(bodies):
            write("request_body", f"hand-{index:02d}-{n}", bytes([index]) + compact(body).encode())
    write("request_body", "not-an-object", bytes([0]) + b"[1, 2]")
    write("request_body", "bad-json", bytes([4]) + b'{"messages": [')


# ---- api_request: sessions of requests, ids as $N (api_request.cpp) ----------------------

def ids_of(response_body, ids):
    def remember(value):
        if value in ids:
            ids.remove(value)
        ids.append(value)
    if not isinstance(response_body, dict):
        return
    for key in ("thread_id", "id"):
        if isinstance(response_body.get(key), str):
            remember(response_body[key])
    calls = (((response_body.get("required_action") or {}).get("submit_tool_outputs") or {}).get("tool_calls")) or []
    for call in calls:
        if isinstance(call, dict) and isinstance(call.get("id"), str):
            remember(call["id"])


def with_placeholders(text, ids):
    # Longest ids first, so that no id is replaced inside another.
    for back, known in sorted(((len(ids) - 1 - i, v) for i, v in enumerate(ids)), key=lambda p: -len(p[1])):
        if back <= 9:
            text = text.replace(known, f"${back}")
    return text


def session_from_cassette(cassette, scenario):
    """The cassette's requests as one session, after loading the scenario that scripts them."""
    version = cassette["meta"].get("api_version") or "assistants=v2"
    blocks, ids, last = [], [], None
    if scenario is not None:
        blocks.append("PUT /__admin/scenario\n\n" + compact(json.loads(scenario.read_text())))
    for interaction in cassette["interactions"]:
        request = interaction["request"]
        target = request["path"] + ("?" + "&".join(f"{k}={v}" for k, v in request["query"]) if request.get("query") else "")
        body = (request.get("body") or {}).get("json")
        block = f"{request['method']} {with_placeholders(target, ids)}\nOpenAI-Beta: {version}\n\n"
        if body is not None:
            block += with_placeholders(compact(body), ids)
        if block != last:  # polls repeat: one is enough, after the clock moved
            if request["method"] == "GET" and "/runs/" in request["path"]:
                blocks.append('POST /__admin/clock/advance\n\n{"ms": 1000}')
            blocks.append(block)
        last = block
        ids_of((interaction["response"].get("body") or {}).get("json"), ids)
    return "\n----\n".join(blocks)


HAND_SESSIONS = {
    "vector-stores": [
        'POST /v1/vector_stores\n\n{"name":"docs","expires_after":{"anchor":"last_active_at","days":1}}',
        'POST /v1/vector_stores/$0/file_batches\n\n{"file_ids":["file-missing"]}',
        "GET /v1/vector_stores?limit=2&order=asc",
        "GET /v1/vector_stores/$0/files?filter=completed&limit=5",
        'POST /v1/vector_stores/$0\n\n{"name":"renamed","metadata":{"k":"v"}}',
        'POST /v1/vector_stores/$0/search\n\n{"query":"x"}',
        "DELETE /v1/vector_stores/$0",
    ],
    "admin-and-faults": [
        "GET /__admin/health",
        'POST /__admin/faults\n\n{"method":"GET","path":"/v1/assistants/**","count":1,"status":503}',
        "GET /v1/assistants/asst_x",
        'PUT /__admin/scenario\n\n{"rules":[{"when":{"message_matches":"(?i)hi"},"then":[{"delay_ms":5,"message":"yo"}]}]}',
        "GET /__admin/scenario",
        'POST /__admin/clock/advance\n\n{"seconds": 1.5}',
        "GET /__admin/state",
        "GET /__admin/requests?method=GET&path=/v1/**&limit=3",
        'POST /__admin/requests/count\n\n{"method":"GET","path":"/v1/assistants/*"}',
        "GET /__admin/requests/unmatched",
        "GET /__admin/metrics",
        "POST /__admin/reset\n\n",
    ],
    "errors": [
        "GET /v1/nothing%20here?limit=abc&limit=3",
        "PATCH /v1/assistants",
        "GET /v1/assistants?limit=0&order=sideways&after=asst_unknown",
        "GET /v1/assistants\nAuthorization: Basic abc\n\n",
        "GET /v1/threads/thread_x/messages\nOpenAI-Beta: assistants=v3\n\n",
        'POST /v1/threads\nContent-Type: application/json\n\n{"messages":[{"role":"user","content":"' + "x" * 40 + '"}],"metadata":{"a":1}}',
    ],
    "v1-files-and-messages": [
        'POST /v1/assistants\nOpenAI-Beta: assistants=v1\n\n{"model":"gpt-4","tools":[{"type":"retrieval"}],"file_ids":[]}',
        "GET /v1/assistants/$0/files\nOpenAI-Beta: assistants=v1\n\n",
        'POST /v1/threads\nOpenAI-Beta: assistants=v1\n\n{"messages":[{"role":"user","content":"hi","file_ids":[]}]}',
        "GET /v1/threads/$0/messages?order=asc&limit=1\nOpenAI-Beta: assistants=v1\n\n",
        "GET /v1/files\nOpenAI-Beta: assistants=v1\n\n",
    ],
    "responses-and-conversations": [
        'POST /v1/conversations\n\n{"items":[{"role":"user","content":"hi"}],"metadata":{"k":"v"}}',
        'POST /v1/responses\n\n{"model":"gpt-4o","conversation":"$0","input":"one","stream":true}',
        'POST /v1/responses\n\n{"model":"gpt-4o","input":"two","background":true}',
        "GET /v1/responses/$0?stream=true&starting_after=1",
        "POST /v1/responses/$0/cancel",
        "GET /v1/conversations/$2/items?limit=1&order=asc",
        'POST /v1/responses/input_tokens\n\n{"conversation":"$2","input":[{"type":"item_reference","id":"msg_x"}]}',
        'POST /v1/responses/compact\n\n{"model":"gpt-4o","previous_response_id":"$1"}',
        "DELETE /v1/conversations/$2",
    ],
    "streamed-run-with-tools": [
        'POST /v1/assistants\n\n{"model":"gpt-4o","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}',
        'POST /v1/threads/runs\n\n{"assistant_id":"$0","stream":true,"tool_choice":"required","thread":{"messages":[{"role":"user","content":"Grüße, 東京"}]}}',
        "GET /v1/threads?limit=1",
    ],
}


def api_request_seeds():
    for cassette_path in CASSETTES:
        scenario = next((p for p in SCENARIOS if cassette_path.stem.startswith(p.stem)), None)
        write("api_request", cassette_path.stem,
              session_from_cassette(json.loads(cassette_path.read_text()), scenario))
    for name, blocks in HAND_SESSIONS.items():
        write("api_request", name, "\n----\n".join(blocks))


# ---- upload_form (upload_form.cpp) ------------------------------------------------------

def form(content_type, beta, parts):
    text = f"{content_type}\n{beta}\n"
    return text + "\n--part\n".join(f"{name}\n{filename}\n{ptype}\n{content}" for name, filename, ptype, content in parts)


def upload_form_seeds():
    mp = "multipart/form-data; boundary=----x"
    write("upload_form", "text-file", form(mp, "-", [("purpose", "", "", "assistants"),
                                                      ("file", "notes.txt", "text/plain", "hello\nworld")]))
    write("upload_form", "json-octet-stream", form(mp, "assistants=v2", [
        ("file", "data.JSONL", "application/octet-stream", '{"a":1}\n{"a":2}'), ("purpose", "", "", "batch")]))
    write("upload_form", "expiring", form(mp, "-", [
        ("file", "a.pdf", "", "%PDF-1.4"), ("purpose", "", "", "user_data"),
        ("expires_after[anchor]", "", "", "created_at"), ("expires_after[seconds]", "", "", "3600")]))
    write("upload_form", "v1-fine-tune", form(mp, "assistants=v1", [
        ("file", "train.jsonl", "", "{}"), ("purpose", "", "", "fine-tune")]))
    write("upload_form", "too-large", form(mp, "-", [("file", "big.bin", "", "x" * 300), ("purpose", "", "", "vision")]))
    write("upload_form", "file-as-field", form(mp, "-", [("file", "", "", "not a file"), ("purpose", "", "", "evals")]))
    write("upload_form", "unknown-part", form(mp, "-", [("file", "f.txt", "", "x"), ("purpose", "", "", "assistants"),
                                                        ("colour", "", "", "red")]))
    write("upload_form", "not-multipart", form("application/json", "-", [("file", "f.txt", "", "x")]))


# ---- scenario, cassette, sse_stream -----------------------------------------------------

HAND_SCENARIOS = {
    "every-action": {"name": "every action", "rules": [
        {"name": "code", "when": {"message_contains": "code", "assistant_name": "Tutor", "instructions_contain": "math"},
         "then": [{"code_interpreter": {"input": "print(1)", "logs": "1\n", "image_file_id": "file-img",
                                        "outputs": [{"type": "logs", "logs": "more"}]}},
                  {"message": {"text": "Done {{tool_output}}", "annotations": [
                      {"type": "file_citation", "text": "[1]", "start_index": 0, "end_index": 3,
                       "file_citation": {"file_id": "file-a"}}]}}]},
        {"when": {"message_matches": "(?i)search|find"}, "times": 2,
         "then": [{"file_search": {"results": [{"file_id": "file-a", "file_name": "a.txt", "score": 0.9}]}},
                  {"delay_ms": 10, "message": "Found it."}]},
        {"when": {"message_contains": "tool"},
         "then": [{"function_call": {"name": "lookup", "arguments": "{\"q\": 1}"}}, {"message": "{{tool_outputs.lookup}}"}]},
        {"when": {"tool_outputs_contain": "ERR"}, "then": [{"incomplete": {"reason": "max_prompt_tokens"}}]},
        {"then": [{"expire": {}}]},
    ]},
}


def scenario_seeds():
    for path in SCENARIOS:
        write("scenario", path.stem, path.read_text())
    for name, scenario in HAND_SCENARIOS.items():
        write("scenario", name, json.dumps(scenario, indent=1, ensure_ascii=False))


def journal_of(cassette, count):
    lines = [compact({"journal": 1, "cassette_recorded_at": "2024-01-01T00:00:00Z"})]
    lines += [compact({"seq": i, "interaction": it}) for i, it in enumerate(cassette["interactions"][:count])]
    return "\n".join(lines) + "\n"


def cassette_seeds():
    for path in CASSETTES:
        cassette = json.loads(path.read_text())
        write("cassette", path.stem, "0" + path.read_text())
        short = dict(cassette, interactions=cassette["interactions"][:2])
        write("cassette", path.stem + "-first-two", "0" + json.dumps(short, indent=1, ensure_ascii=False))
        write("cassette", path.stem + "-journal", "1" + journal_of(cassette, 3))
    write("cassette", "vcrpy-lookalike", '0{"version": 1, "interactions": []}')
    write("cassette", "newer-version", '0{"format": "assistants-mock-cassette", "version": 2}')
    write("cassette", "bodies", "0" + compact({
        "format": "assistants-mock-cassette", "version": 1,
        "meta": {"tool": "t", "recorded_at": "2024-01-01T00:00:00Z", "upstream": "https://api.openai.com",
                 "api_version": None, "redaction": {"headers": ["x-key"], "json_paths": ["$.secret"]}},
        "interactions": [{"request": {"method": "POST", "path": "/v1/files", "query": [["a", "b"]],
                                      "headers": {"x": ["1", "2"]}, "body": {"base64": "AAEC/w=="}},
                          "response": {"status": 200, "headers": {}, "body": {"text": "plain"}}, "duration_ms": 3}]}))


def sse_seeds():
    for path in CASSETTES:
        for interaction in json.loads(path.read_text())["interactions"]:
            events = (interaction["response"].get("body") or {}).get("events")
            if not events:
                continue
            text = ""
            for event in events[:12]:  # enough of a run to show every field; small seeds mutate faster
                if event.get("event"):
                    text += f"event: {event['event']}\n"
                data = event["data"] if isinstance(event["data"], str) else compact(event["data"])
                text += "".join(f"data: {line}\n" for line in data.split("\n")) + "\n"
            write("sse_stream", path.stem, b"\x01\x07" + text.encode())
            write("sse_stream", path.stem + "-crlf", b"\x03\x05" + text[:3000].replace("\n", "\r\n").encode())
    write("sse_stream", "fields", b"\x00\x09: keep-alive\n\nretry: 10\nid: 7\nevent: a\ndata: {\"x\":\ndata: 1}\n\n"
                                  b"data\ndata:[DONE]\n\nevent: b\rdata: [1,2]\r\rdata: unterminated")


# ---- openapi_document: small hand-cut documents ----------------------------------------

OPENAPI_YAML = """openapi: 3.0.0
info: {title: cut, version: "2.0.0"}
servers:
  - url: https://api.openai.com/v1
paths:
  /threads/{thread_id}:
    get:
      operationId: getThread
      parameters:
        - {in: path, name: thread_id, required: true, schema: {type: string}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/ThreadObject"
  /threads/{thread_id}/runs:
    post:
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/RunObject"}
            text/event-stream:
              schema: {$ref: "#/components/schemas/AssistantStreamEvent"}
    get:
      responses:
        "2XX":
          content:
            application/json:
              schema:
                type: object
                properties:
                  object: {type: string}
                  data: {type: array, items: {$ref: "#/components/schemas/RunObject"}}
                  first_id: {type: string}
                  last_id: {type: string}
                  has_more: {type: boolean}
                required: [object, data, first_id, last_id, has_more]
        default:
          $ref: "#/components/responses/Error"
components:
  responses:
    Error:
      content:
        application/json:
          schema: {$ref: "#/components/schemas/ErrorResponse"}
  schemas:
    ThreadObject:
      type: object
      x-oaiMeta: {name: The thread object}
      description:
        &thread_description |
        Represents a thread that contains messages.
      properties:
        id: {type: string}
        object: {type: string, enum: [thread]}
        created_at: {type: integer, minimum: 0, exclusiveMinimum: true}
        metadata: {type: object, nullable: true, additionalProperties: {type: string, maxLength: 512}}
        tool_resources:
          allOf:
            - $ref: "#/components/schemas/ToolResources"
            - nullable: true
      required: [id, object, created_at, metadata, tool_resources, missing_one]
    ToolResources:
      type: object
      properties:
        code_interpreter: {type: object, properties: {file_ids: {type: array, maxItems: 20, items: {type: string}}}}
    RunObject:
      allOf:
        - type: object
          properties: {id: {type: string}, status: {type: string, enum: [queued, completed]}}
          required: [id]
        - type: object
          properties: {usage: {oneOf: [{$ref: "#/components/schemas/Usage"}, {type: "null"}]}}
    Usage:
      type: object
      properties: {total_tokens: {type: integer}}
    AssistantStreamEvent:
      oneOf:
        - type: object
          properties: {event: {type: string, enum: [thread.created]}, data: {$ref: "#/components/schemas/ThreadObject"}}
        - type: object
          properties: {event: {type: string, enum: [thread.run.created]}, data: {$ref: "#/components/schemas/RunObject"}}
        - type: object
          properties: {event: {type: string, enum: [done]}, data: {type: string, enum: ["[DONE]"]}}
    ErrorResponse:
      type: object
      properties:
        error: {type: object, properties: {message: {type: string}, code: {type: string, nullable: true}}}
    Anchored: &anchored {type: string, pattern: "^a+$"}
    Aliased: *anchored
"""

OPENAPI_31_JSON = {
    "openapi": "3.1.0",
    "servers": [{"url": "/v1"}],
    "paths": {
        "/assistants": {"post": {"responses": {"200": {"content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Assistant", "description": "3.1 allows siblings of $ref"}}}}}}},
        "/assistants/{id}": {"delete": {"responses": {"200": {"content": {"application/problem+json": {"schema": {
            "type": "object", "properties": {"deleted": {"const": True}}, "additionalProperties": False}}}}}}},
    },
    "components": {"schemas": {
        "Assistant": {"type": "object", "properties": {
            "name": {"type": ["string", "null"], "maxLength": 256},
            "tools": {"type": "array", "items": {"anyOf": [
                {"type": "object", "properties": {"type": {"const": "code_interpreter"}}},
                {"type": "object", "properties": {"type": {"const": "function"}, "function": {"type": "object"}}},
                {"type": "string"}]}},
            "response_format": {"anyOf": [{"type": "string", "enum": ["auto"]}, {"$ref": "#/components/schemas/Format"}]},
            "self": {"$ref": "#/components/schemas/Assistant"}}},
        "Format": {"type": "object", "properties": {"type": {"type": "string"}}, "required": ["type"]},
    }},
}


def openapi_seeds():
    write("openapi_document", "cut-3.0.yaml", OPENAPI_YAML)
    write("openapi_document", "cut-3.1.json", json.dumps(OPENAPI_31_JSON, indent=1))
    write("openapi_document", "no-paths.yaml", "openapi: 3.0.0\ninfo: {title: x}\npaths: {}\n")
    write("openapi_document", "swagger-2.json", '{"swagger": "2.0", "openapi": "2.0", "paths": {"/a": {}}}')
    write("openapi_document", "scalars.yaml",
          "openapi: '3.1.0'\npaths:\n  /x:\n    get:\n      responses:\n        '200':\n          content:\n"
          "            application/json:\n              schema:\n                type: object\n"
          "                properties: {a: {type: number, minimum: -1.5e3, maximum: .inf}, b: {enum: [~, true, 0x1F, 1_000, +7, '8']}}\n")


def main():
    for target_dir in CORPUS.glob("*"):
        shutil.rmtree(target_dir)
    request_body_seeds()
    api_request_seeds()
    upload_form_seeds()
    scenario_seeds()
    cassette_seeds()
    sse_seeds()
    openapi_seeds()
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    print(f"{sum(1 for p in CORPUS.rglob('*') if p.is_file())} seeds, {total} bytes in {CORPUS}")


if __name__ == "__main__":
    main()
