// Run lifecycle edges through the SDK: cancelling an in_progress run (real clock, a scripted
// delay keeps the run busy), and the manual clock (`--clock manual`): runs move only when the
// clock is advanced, a cancelled run closes its open message, and requires_action expires after
// 600 s of mock time without any real waiting.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { clientFor, startServer } from './support/server.mjs';
import { admin, adminOk, advanceClock, scenarioFile } from './support/admin.mjs';
import { collect, rejectsWith } from './support/sdk.mjs';

const JAN_1_2024 = Date.UTC(2024, 0, 1) / 1000; // 1704067200

/** Retrieve the run until `done(run)` holds; fails after `limitMs` of wall time. */
async function retrieveUntil(client, run, done, limitMs = 20_000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const current = await client.beta.threads.runs.retrieve(run.id, { thread_id: run.thread_id });
    if (done(current)) return current;
    if (Date.now() > deadline) {
      assert.fail(`run ${run.id} still ${current.status} after ${limitMs} ms: ${JSON.stringify(current)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('cancel while in_progress (real clock)', () => {
  let server;
  let client;
  let assistant;

  before(async () => {
    server = await startServer({ runStepMs: 5, pollAfterMs: 5 });
    client = clientFor(server);
    // Every run waits 60 s before it writes anything: it sits in in_progress meanwhile, even
    // when a loaded CI machine (the sanitizer suites run beside this) slows the client down.
    await adminOk(server, 'PUT', '/__admin/scenario', {
      name: 'slow',
      rules: [{ then: [{ delay_ms: 60_000, message: 'late' }] }],
    });
    assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: 'Slowpoke' });
  });

  after(async () => {
    await server?.stop();
  });

  test('cancel -> cancelling -> cancelled (cancelled_at set); a second cancel -> 400', async () => {
    const started = Date.now();
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'take your time' }] });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    const busy = await retrieveUntil(client, run, (r) => r.status !== 'queued');
    assert.equal(busy.status, 'in_progress');
    assert.equal(typeof busy.started_at, 'number');

    const cancelling = await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    assert.equal(cancelling.id, run.id);
    assert.equal(cancelling.status, 'cancelling');
    assert.equal(cancelling.cancelled_at, null);

    const cancelled = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(typeof cancelled.cancelled_at, 'number');
    assert.ok(cancelled.cancelled_at >= cancelled.created_at);
    assert.equal(cancelled.completed_at, null);
    assert.equal(cancelled.failed_at, null);
    assert.ok(Date.now() - started < 30_000, 'the cancel did not wait for the scripted 60 s delay');

    const messages = await collect(client.beta.threads.messages.list(thread.id));
    assert.deepEqual(
      messages.map((m) => m.role),
      ['user'],
      'the cancelled run wrote no answer',
    );

    await rejectsWith(
      client.beta.threads.runs.cancel(run.id, { thread_id: thread.id }),
      OpenAI.BadRequestError,
      (error) => {
        assert.equal(error.status, 400);
        assert.equal(error.type, 'invalid_request_error');
        assert.equal(error.error.message, "Cannot cancel run with status 'cancelled'.");
      },
    );

    // The thread is free again.
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'never mind' });
  });
});

describe('manual clock', () => {
  let server;
  let client;

  before(async () => {
    server = await startServer({
      runStepMs: 5,
      pollAfterMs: 5,
      extraArgs: ['--clock', 'manual', '--scenario', scenarioFile('function_calling.json')],
    });
    client = clientFor(server);
  });

  after(async () => {
    await server?.stop();
  });

  test('starts at 2024-01-01T00:00:00Z and a run moves only when the clock is advanced', async () => {
    const clock = await adminOk(server, 'GET', '/__admin/clock');
    assert.equal(clock.mode, 'manual');
    assert.equal(clock.now, JAN_1_2024);

    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    assert.equal(assistant.created_at, JAN_1_2024);
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Hello there' }] });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    assert.equal(run.status, 'queued');
    assert.equal(run.created_at, JAN_1_2024);
    assert.equal(run.expires_at, JAN_1_2024 + 600);

    await new Promise((resolve) => setTimeout(resolve, 60)); // real time passes, mock time does not
    const still = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    assert.equal(still.status, 'queued', 'without clock advances the run does not move');

    // The SDK poller works when the clock is advanced alongside it.
    const ticker = setInterval(() => {
      advanceClock(server, 5).catch(() => {});
    }, 2);
    let done;
    try {
      done = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
    } finally {
      clearInterval(ticker);
    }
    assert.equal(done.status, 'completed');
    assert.ok(done.completed_at >= JAN_1_2024 && done.completed_at < JAN_1_2024 + 60, `completed_at ${done.completed_at}`);
  });

  test('cancelling closes the open message as incomplete (run_cancelled)', async () => {
    await adminOk(server, 'POST', '/__admin/reset');
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Tell me a story' }] });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });

    // Step the clock one pace at a time until the run has opened its answer.
    let open;
    for (let i = 0; i < 20 && !open; i += 1) {
      await advanceClock(server, 5);
      const { data } = await client.beta.threads.messages.list(thread.id, { run_id: run.id });
      open = data.find((m) => m.status === 'in_progress');
    }
    assert.ok(open, 'the run opened an in_progress assistant message');
    assert.equal(open.role, 'assistant');

    const cancelling = await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    assert.equal(cancelling.status, 'cancelling');
    await advanceClock(server, 5);
    const cancelled = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(typeof cancelled.cancelled_at, 'number');

    const message = await client.beta.threads.messages.retrieve(open.id, { thread_id: thread.id });
    assert.equal(message.status, 'incomplete');
    assert.deepEqual(message.incomplete_details, { reason: 'run_cancelled' });
    assert.equal(typeof message.incomplete_at, 'number');
    assert.equal(message.completed_at, null);

    const steps = await collect(client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id }));
    assert.ok(steps.length >= 1);
    for (const step of steps) {
      assert.notEqual(step.status, 'in_progress', `step ${step.id} was closed: ${JSON.stringify(step)}`);
    }
    const creation = steps.find((s) => s.step_details.message_creation?.message_id === open.id);
    assert.equal(creation?.status, 'cancelled');
  });

  test('requires_action expires after 600 s of mock time; outputs are then refused', async () => {
    const wallStart = Date.now();
    await adminOk(server, 'POST', '/__admin/reset');
    await adminOk(server, 'PUT', '/__admin/scenario', readFileSync(scenarioFile('function_calling.json'), 'utf8'));
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } },
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
      ],
    });
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: "What's the weather in Paris?" }],
    });
    const created = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });

    let run = created;
    for (let i = 0; i < 20 && run.status !== 'requires_action'; i += 1) {
      await advanceClock(server, 5);
      run = await client.beta.threads.runs.retrieve(created.id, { thread_id: thread.id });
    }
    assert.equal(run.status, 'requires_action');
    assert.equal(run.expires_at, run.created_at + 600);
    const callIds = run.required_action.submit_tool_outputs.tool_calls.map((call) => call.id);
    assert.equal(callIds.length, 2);

    // Just before the deadline the run still waits; at the deadline it expires.
    const clock = await adminOk(server, 'GET', '/__admin/clock');
    await advanceClock(server, (run.expires_at - 1) * 1000 - clock.now_ms);
    const waiting = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    assert.equal(waiting.status, 'requires_action', 'one second before expires_at the run still waits');

    await adminOk(server, 'POST', '/__admin/clock/advance', { seconds: 600 });
    const expired = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    assert.equal(expired.status, 'expired');
    assert.equal(expired.completed_at, null);
    assert.equal(expired.cancelled_at, null);
    assert.equal(expired.failed_at, null);

    const steps = await collect(client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id }));
    const toolStep = steps.find((step) => step.type === 'tool_calls');
    assert.ok(toolStep, `a tool_calls step exists: ${JSON.stringify(steps)}`);
    assert.equal(toolStep.status, 'expired');
    assert.equal(typeof toolStep.expired_at, 'number');
    assert.ok(toolStep.expired_at >= run.created_at + 600, `expired_at ${toolStep.expired_at}`);
    assert.equal(toolStep.completed_at, null);

    await rejectsWith(
      client.beta.threads.runs.submitToolOutputs(run.id, {
        thread_id: thread.id,
        tool_outputs: callIds.map((id) => ({ tool_call_id: id, output: 'too late' })),
      }),
      OpenAI.BadRequestError,
      (error) => {
        assert.equal(error.status, 400);
        assert.equal(error.type, 'invalid_request_error');
        assert.equal(error.error.message, 'Runs in status "expired" do not accept tool outputs.');
      },
    );

    // The point is that no one waited 600 s: a loaded CI machine under the sanitizers takes
    // seconds for these requests, so the bound is far below 600 s, not a speed target.
    const wall = Date.now() - wallStart;
    assert.ok(wall < 30_000, `600 s of mock time took ${wall} ms of wall time`);
  });

  test('a clock advance that is not forward is refused', async () => {
    for (const body of [{ ms: 0 }, { ms: -5 }, {}]) {
      const { status, body: answer } = await admin(server, 'POST', '/__admin/clock/advance', body);
      assert.equal(status, 400, `advance ${JSON.stringify(body)} -> ${status}`);
      assert.equal(typeof answer.error?.message, 'string');
    }
  });
});
