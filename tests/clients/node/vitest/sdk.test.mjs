// vitest: one server for the file, the official SDK against it.
import { beforeAll, afterAll, test, expect } from "vitest";
import OpenAI from "openai";
import { startMock } from "assistants-mock";
import flow from "../support/flow.cjs";

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

test("a fault the SDK retries through", async () => {
  await mock.injectFault({ method: "GET", path: "/v1/assistants", status: 429, count: 1,
                           headers: { "retry-after-ms": "5" } });
  const page = await client.beta.assistants.list();
  expect(page.data.length).toBeGreaterThan(0);
  expect(await mock.count({ method: "GET", path: "/v1/assistants", status: 429 })).toBe(1);
});
