// The README's "Use it from your tests" Node example, as it stands there (the scenario path
// is the only difference: the README's is relative to the repository).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { startMock } from "assistants-mock";
import flow from "../support/flow.cjs";

const mock = await startMock({ scenario: flow.seedScenario, seed: 1, clock: "manual" });
after(() => mock.stop());
const client = new OpenAI({ baseURL: mock.baseURL, apiKey: mock.apiKey });

test("the Math Tutor answers as scripted, and the client created one run", async () => {
  const assistant = await client.beta.assistants.create({ model: "gpt-4", name: "Math Tutor" });
  const thread = await client.beta.threads.create({
    messages: [{ role: "user", content: "Solve `3x + 11 = 14`." }],
  });
  const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
  await mock.advanceClock(60);                       // the manual clock: the run is done now
  const done = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
  assert.equal(done.status, "completed");
  const [last] = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data;
  assert.match(last.content[0].text.value, /x = 1/);
  assert.equal(await mock.count({ method: "POST", path: "/v1/threads/*/runs" }), 1);
});
