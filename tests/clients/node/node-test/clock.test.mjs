// clock: "manual": time moves only through advanceClock(), so expiry is a one-line step.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { startMock } from "assistants-mock";
import flow from "../support/flow.cjs";

const scenario = `${flow.repoRoot}/scenarios/function_calling.json`;
const mock = await startMock({ scenario, clock: "manual", apiKey: "sk-only-this" });
after(() => mock.stop());
const client = new OpenAI({ baseURL: mock.baseURL, apiKey: mock.apiKey, maxRetries: 0 });

test("a run waiting for tool outputs expires after advanceClock(600)", async () => {
  const assistant = await client.beta.assistants.create({ model: "gpt-4o" });
  const thread = await client.beta.threads.create({
    messages: [{ role: "user", content: "What's the weather in Paris?" }],
  });
  let run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
  const before = await mock.clock();
  await mock.advanceClock(1);
  run = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
  assert.equal(run.status, "requires_action");
  await mock.advanceClock(600);
  run = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
  assert.equal(run.status, "expired");
  const after = await mock.clock();
  assert.notDeepEqual(after, before);
});

test("apiKey: the server accepts only that key", async () => {
  const stranger = new OpenAI({ baseURL: mock.baseURL, apiKey: "sk-someone-else", maxRetries: 0 });
  await assert.rejects(stranger.beta.assistants.list(), OpenAI.AuthenticationError);
  assert.equal(mock.apiKey, "sk-only-this");
});
