// How long startMock() takes, from the call to a server that answers: measured and bounded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startMock } from "assistants-mock";

test("startMock() resolves within two seconds (median of 10)", async () => {
  const times = [];
  for (let i = 0; i < 10; i += 1) {
    const started = process.hrtime.bigint();
    const mock = await startMock();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    await mock.stop();
  }
  times.sort((a, b) => a - b);
  const median = times[5];
  console.log(`startMock: median ${median.toFixed(1)} ms, max ${times[9].toFixed(1)} ms over 10 starts`);
  assert.ok(median < 2000, `median ${median} ms`);
});
