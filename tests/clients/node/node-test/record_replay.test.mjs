// "Use this cassette, record it if it is missing": startRecord in mode once records a missing
// cassette from the upstream, and replays it once it exists, with the upstream gone.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { startMock, startRecord, startReplay } from "assistants-mock";
import flow from "../support/flow.cjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "am-cassette-"));
const cassette = path.join(dir, "seed_flow.json");
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function sdk(server) {
  return new OpenAI({ baseURL: server.baseURL, apiKey: "sk-test", maxRetries: 0 });
}

test("record once, then replay the same session without the upstream", async () => {
  const upstream = await startMock({ scenario: flow.seedScenario, seed: 3, runStepMs: 1, pollAfterMs: 1 });
  const recording = await startRecord({ cassette, upstream: upstream.url, mode: "once" });
  const recorded = await flow.seedFlow(sdk(recording));
  assert.equal(recorded.text, flow.answer);
  await recording.stop();
  await upstream.stop();
  assert.ok(fs.existsSync(cassette), "the cassette was written");

  // The same one line again: the cassette exists now, so it is replayed; the upstream is gone.
  const again = await startRecord({ cassette, upstream: upstream.url, mode: "once" });
  const replayed = await flow.seedFlow(sdk(again));
  assert.equal(replayed.assistant.id, recorded.assistant.id);
  assert.equal(replayed.text, flow.answer);
  assert.ok((await again.count({ method: "POST", path: "/v1/assistants" })) >= 1);
  await again.stop();
});

test("startReplay: a request with no recording is a BadRequestError, listed by unmatched()", async () => {
  const replay = await startReplay({ cassette });
  after(() => replay.stop());
  const client = sdk(replay);
  const assistant = await client.beta.assistants.create({
    model: "gpt-4", name: "Math Tutor", tools: [{ type: "code_interpreter" }],
  });
  assert.match(assistant.id, /^asst_/);
  await assert.rejects(client.beta.assistants.create({ model: "gpt-4", name: "Physics Tutor" }),
                       (error) => error instanceof OpenAI.BadRequestError && error.code === "cassette_miss");
  const misses = await replay.unmatched();
  assert.equal(misses.length, 1);
  assert.match(misses[0].near_miss, /Physics Tutor/);
  await replay.rewind();
});
