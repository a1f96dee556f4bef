// What a client test looks like against the mock: the SDK talks to it through baseURL, and
// the request journal answers "what did my code send?" and "how often?".
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";

const mockUrl = process.env.MOCK_URL;
const client = new OpenAI({ apiKey: "sk-example", baseURL: `${mockUrl}/v1`, maxRetries: 0 });

async function admin(method, path, body) {
  const response = await fetch(`${mockUrl}/__admin${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${method} /__admin${path}: ${response.status}`);
  return response.json();
}

// The code under test: ask the assistant and return its answer.
async function askTutor(question) {
  const assistant = await client.beta.assistants.create({ model: "gpt-4o", name: "Tutor" });
  const thread = await client.beta.threads.create({ messages: [{ role: "user", content: question }] });
  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  if (run.status !== "completed") throw new Error(`run ended ${run.status}`);
  const messages = await client.beta.threads.messages.list(thread.id, { run_id: run.id });
  return messages.data[0].content[0].text.value;
}

beforeEach(async () => {
  await admin("POST", "/reset");  // a clean server (objects, journal, faults) for every test
});

test("the client gets an answer and sent what we expect", async () => {
  const answer = await askTutor("What is 2 + 2?");
  assert.match(answer, /2 \+ 2/);  // the default responder quotes the question

  // Exactly one assistant was created, with the model we meant.
  const created = await admin("POST", "/requests/count", {
    method: "POST", path: "/v1/assistants", body: { model: "gpt-4o" },
  });
  assert.equal(created.count, 1);

  // The polling helper did not hammer the run.
  const polls = await admin("POST", "/requests/count", {
    method: "GET", path: "/v1/threads/*/runs/*",
  });
  assert.ok(polls.count >= 1 && polls.count <= 10, `polled ${polls.count} times`);

  // Secrets never reach the journal.
  const journal = await admin("GET", "/requests?limit=100");
  assert.ok(!JSON.stringify(journal).includes("sk-example"));
});

test("a 429 from the API is retried by the client", async () => {
  await admin("POST", "/faults", {
    method: "POST", path: "/v1/assistants", status: 429, count: 1, headers: { "retry-after-ms": "10" },
  });
  const retrying = new OpenAI({ apiKey: "sk-example", baseURL: `${mockUrl}/v1`, maxRetries: 2 });
  await retrying.beta.assistants.create({ model: "gpt-4o" });
  const attempts = await admin("POST", "/requests/count", { method: "POST", path: "/v1/assistants" });
  assert.equal(attempts.count, 2);
});
