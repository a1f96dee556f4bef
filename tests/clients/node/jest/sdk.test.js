// jest (CommonJS): one server for the file, the official SDK against it.
const OpenAI = require("openai");
const { startMock } = require("assistants-mock");
const flow = require("../support/flow.cjs");

let mock;
let client;
beforeAll(async () => {
  mock = await startMock({ scenario: flow.seedScenario, seed: 1, runStepMs: 1, pollAfterMs: 1 });
  client = new OpenAI({ baseURL: mock.baseURL, apiKey: mock.apiKey });
});
afterAll(() => mock.stop());

test("the seed flow completes with the scripted answer", async () => {
  const { run, text } = await flow.seedFlow(client);
  expect(run.status).toBe("completed");
  expect(text).toBe(flow.answer);
  expect(await mock.count({ method: "POST", path: "/v1/threads/*/runs" })).toBe(1);
});

test("manual clock: a run stays queued until advanceClock()", async () => {
  const manual = await startMock({ clock: "manual" });
  try {
    const sdk = new OpenAI({ baseURL: manual.baseURL, apiKey: manual.apiKey });
    const assistant = await sdk.beta.assistants.create({ model: "gpt-4o" });
    const run = await sdk.beta.threads.createAndRun({
      assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "hi" }] },
    });
    expect(run.status).toBe("queued");
    await manual.advanceClock(3600);
    const later = await sdk.beta.threads.runs.retrieve(run.id, { thread_id: run.thread_id });
    expect(later.status).toBe("completed");
  } finally {
    await manual.stop();
  }
});
