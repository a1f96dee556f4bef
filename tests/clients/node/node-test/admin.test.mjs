// startMock's options and admin client, with the official SDK as the client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { startMock, AdminError } from "assistants-mock";
import flow from "../support/flow.cjs";

let mock;
let client;
before(async () => {
  mock = await startMock({ scenario: flow.seedScenario, seed: 7, runStepMs: 5, pollAfterMs: 5 });
  client = new OpenAI({ baseURL: mock.baseURL, apiKey: mock.apiKey, maxRetries: 0 });
});
after(() => mock.stop());

test("baseURL, url and port name the server it started on a free port", async () => {
  assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(mock.baseURL, `${mock.url}/v1`);
  assert.ok(mock.port > 0);
  assert.deepEqual(await mock.health(), { status: "ok" });
});

test("the scenario file scripts the seed article's answer", async () => {
  const { run, text } = await flow.seedFlow(client);
  assert.equal(run.status, "completed");
  assert.equal(text, flow.answer);
});

test("requests() and count() read the journal", async () => {
  await mock.clearRequests();
  const assistant = await client.beta.assistants.create({ model: "gpt-4o", name: "Counted" });
  await client.beta.assistants.retrieve(assistant.id);
  const entries = await mock.requests({ path: "/v1/assistants/**" });
  assert.deepEqual(entries.map((e) => `${e.method} ${e.status}`), ["GET 200"]);
  assert.equal(await mock.count({ method: "POST", path: "/v1/assistants", body: { name: "Counted" } }), 1);
  assert.equal(await mock.count({ method: "POST", path: "/v1/assistants", body: { name: "Other" } }), 0);
  await assert.rejects(mock.requests({ body: {} }), /count\(\) also takes body/);
});

test("reset() removes every object and restarts the id sequence", async () => {
  await mock.reset();
  const first = await client.beta.assistants.create({ model: "gpt-4o" });
  await mock.reset();
  await assert.rejects(client.beta.assistants.retrieve(first.id), OpenAI.NotFoundError);
  const again = await client.beta.assistants.create({ model: "gpt-4o" });
  assert.equal(again.id, first.id, "the same seed after reset gives the same ids");
});

test("setScenario() replaces the script; an invalid one is an AdminError naming the path", async () => {
  await mock.setScenario({ rules: [{ when: { message_contains: "ping" }, then: [{ message: "pong" }] }] });
  const assistant = await client.beta.assistants.create({ model: "gpt-4o" });
  const run = await client.beta.threads.createAndRunPoll({
    assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "ping" }] },
  });
  const [last] = (await client.beta.threads.messages.list(run.thread_id, { limit: 1 })).data;
  assert.equal(last.content[0].text.value, "pong");
  await assert.rejects(mock.setScenario({ rules: [{ then: [{ nonsense: 1 }] }] }), (error) => {
    assert.ok(error instanceof AdminError);
    assert.equal(error.status, 400);
    return true;
  });
  await mock.setScenario(JSON.parse((await import("node:fs")).readFileSync(flow.seedScenario, "utf8")));
});

test("injectFault() makes the next request fail; the SDK sees the status", async () => {
  await mock.injectFault({ method: "POST", path: "/v1/threads", status: 503, count: 1 });
  await assert.rejects(client.beta.threads.create(), OpenAI.InternalServerError);
  const thread = await client.beta.threads.create();
  assert.match(thread.id, /^thread_/);
  await mock.clearFaults();
});

test("stop() is idempotent and resolves with the exit", async () => {
  const other = await startMock();
  const first = other.stop();
  const second = other.stop();
  assert.equal(first, second);
  const exit = await first;
  assert.equal(exit.code, 0, `exit ${JSON.stringify(exit)}; stderr: ${other.stderr}`);
  await assert.rejects(fetch(`${other.url}/__admin/health`));
  assert.deepEqual(await other.stop(), exit);
});
