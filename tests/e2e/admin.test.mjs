// The /__admin API seen from a test author's side (state dump, reset, scenario upload, fault
// injection that the SDK's retry logic handles) and run parameters that change what the
// assistant does: tool_choice, parallel_tool_calls, max_completion_tokens.

import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import { clientFor, startServer } from './support/server.mjs';
import { admin, adminOk, scenarioFile } from './support/admin.mjs';
import { collect, textOf, rejectsWith } from './support/sdk.mjs';
import { WEATHER_TOOLS } from './support/tools.mjs';

let server;
let client;

before(async () => {
  server = await startServer({ runStepMs: 5, pollAfterMs: 5 });
  client = clientFor(server);
});

after(async () => {
  await server?.stop();
});

beforeEach(async () => {
  await adminOk(server, 'POST', '/__admin/reset');
  await adminOk(server, 'DELETE', '/__admin/scenario');
  await adminOk(server, 'DELETE', '/__admin/faults');
});

/** A client whose fetch records [method, path, status] of every request it sends. */
function recordingClient(options = {}) {
  const sent = [];
  const recorder = clientFor(server, {
    ...options,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      sent.push({
        method: init?.method ?? 'GET',
        path: new URL(url).pathname,
        status: response.status,
        retryCount: new Headers(init?.headers).get('x-stainless-retry-count'),
      });
      return response;
    },
  });
  return { client: recorder, sent };
}

describe('state and reset', () => {
  test('GET /__admin/state lists the assistant, thread, messages, run and its steps', async () => {
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: 'Inspector' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'What is 2 + 2?' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    assert.equal(run.status, 'completed');
    const steps = await collect(client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' }));

    const { status, body: state, headers } = await admin(server, 'GET', '/__admin/state');
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(state.assistants.map((a) => [a.id, a.name]), [[assistant.id, 'Inspector']]);
    assert.equal(state.threads.length, 1);
    const dumped = state.threads[0];
    assert.equal(dumped.id, thread.id);
    assert.ok(dumped.messages.some((m) => m.role === 'user' && textOf(m) === 'What is 2 + 2?'));
    assert.ok(dumped.messages.some((m) => m.role === 'assistant' && m.run_id === run.id));
    assert.equal(dumped.runs.length, 1);
    assert.equal(dumped.runs[0].id, run.id);
    assert.equal(dumped.runs[0].status, 'completed');
    assert.deepEqual(
      dumped.runs[0].steps.map((s) => s.id).sort(),
      steps.map((s) => s.id).sort(),
      'the dump holds the same steps the API lists',
    );
  });

  test('POST /__admin/reset forgets everything: retrieve -> NotFoundError', async () => {
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create();
    const reset = await admin(server, 'POST', '/__admin/reset');
    assert.equal(reset.status, 200);

    await rejectsWith(client.beta.assistants.retrieve(assistant.id), OpenAI.NotFoundError, (error) => {
      assert.equal(error.status, 404);
    });
    await rejectsWith(client.beta.threads.retrieve(thread.id), OpenAI.NotFoundError, (error) => {
      assert.equal(error.status, 404);
    });
    const state = await adminOk(server, 'GET', '/__admin/state');
    assert.deepEqual(state.assistants, []);
    assert.deepEqual(state.threads, []);
    assert.deepEqual((await client.beta.assistants.list()).data, []);
  });
});

describe('scenario upload', () => {
  test('PUT /__admin/scenario with an invalid scenario -> 400 naming the JSON path; nothing replaced', async () => {
    const good = { name: 'good one', rules: [{ when: { message_contains: 'ping' }, then: [{ message: 'pong' }] }] };
    const loaded = await admin(server, 'PUT', '/__admin/scenario', good);
    assert.equal(loaded.status, 200, JSON.stringify(loaded.body));

    for (const [bad, path] of [
      [{ rules: [{ when: { message_contains: 'x' }, then: 'hello' }] }, '$.rules[0].then'],
      [{ rules: [{ then: [] }] }, '$.rules[0].then'],
      [{ rules: [{ then: [{ message: 'ok' }] }, { then: [{ fail: { code: 'nope' } }] }] }, '$.rules[1].then[0].fail.code'],
    ]) {
      const { status, body } = await admin(server, 'PUT', '/__admin/scenario', bad);
      assert.equal(status, 400, `PUT ${JSON.stringify(bad)} -> ${status} ${JSON.stringify(body)}`);
      assert.equal(typeof body?.error?.message, 'string', `an error envelope: ${JSON.stringify(body)}`);
      assert.ok(body.error.message.includes(path), `"${body.error.message}" names ${path}`);
    }
    const notJson = await admin(server, 'PUT', '/__admin/scenario', '{"rules": [');
    assert.equal(notJson.status, 400);

    // The good scenario is still the one in force.
    const current = await adminOk(server, 'GET', '/__admin/scenario');
    assert.equal(current.name, 'good one');
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'ping' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    assert.equal(run.status, 'completed');
    const latest = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data[0];
    assert.equal(textOf(latest), 'pong');
  });
});

describe('fault injection and SDK retries', () => {
  test('one injected 429 on POST /v1/assistants is retried by the SDK (maxRetries: 2)', async () => {
    const fault = await admin(server, 'POST', '/__admin/faults', {
      method: 'POST',
      path: '/v1/assistants',
      status: 429,
      count: 1,
      headers: { 'retry-after-ms': '10' },
    });
    assert.equal(fault.status, 200, JSON.stringify(fault.body));

    const { client: retrying, sent } = recordingClient({ maxRetries: 2 });
    const started = Date.now();
    const assistant = await retrying.beta.assistants.create({ model: 'gpt-4o', name: 'Persistent' });
    assert.match(assistant.id, /^asst_/);
    assert.ok(Date.now() - started < 2_000, 'retry-after-ms: 10 was honoured, not the default backoff');
    assert.deepEqual(
      sent.map((r) => [r.method, r.path, r.status]),
      [
        ['POST', '/v1/assistants', 429],
        ['POST', '/v1/assistants', 200],
      ],
    );
    assert.equal(sent[1].retryCount, '1');

    // Only one assistant exists: the refused attempt created nothing.
    assert.deepEqual((await client.beta.assistants.list()).data.map((a) => a.id), [assistant.id]);
    // The fault is used up.
    assert.deepEqual(await adminOk(server, 'GET', '/__admin/faults'), []);
  });

  test('more 429s than retries -> RateLimitError (429, rate_limit_exceeded)', async () => {
    await adminOk(server, 'POST', '/__admin/faults', {
      method: 'POST',
      path: '/v1/assistants',
      status: 429,
      count: 5,
      headers: { 'retry-after-ms': '10' },
    });
    const { client: retrying, sent } = recordingClient({ maxRetries: 1 });
    await rejectsWith(retrying.beta.assistants.create({ model: 'gpt-4o' }), OpenAI.RateLimitError, (error) => {
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limit_exceeded');
    });
    assert.deepEqual(sent.map((r) => r.status), [429, 429], 'one try plus one retry');
    const faults = await adminOk(server, 'GET', '/__admin/faults');
    assert.equal(faults.length, 1);
    assert.equal(faults[0].remaining, 3);

    // Other routes are untouched, and clearing the faults lets the create through.
    await client.beta.assistants.list();
    await adminOk(server, 'DELETE', '/__admin/faults');
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    assert.match(assistant.id, /^asst_/);
  });

  test('a glob fault on run retrieval is retried inside createAndPoll', async () => {
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'hi' }] });
    await adminOk(server, 'POST', '/__admin/faults', {
      method: 'GET',
      path: '/v1/threads/*/runs/*',
      status: 503,
      count: 2,
      headers: { 'retry-after-ms': '5' },
    });
    const { client: retrying, sent } = recordingClient({ maxRetries: 3 });
    const run = await retrying.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    assert.equal(run.status, 'completed');
    const retrievals = sent.filter((r) => r.method === 'GET');
    assert.deepEqual(retrievals.slice(0, 2).map((r) => r.status), [503, 503]);
    assert.ok(retrievals.slice(2).every((r) => r.status === 200));
    // The steps list (/runs/*/steps) is one segment deeper and not matched by the single-segment glob.
    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
    assert.ok(steps.data.length >= 1);
  });
});

describe('run parameters', () => {
  test('tool_choice forcing get_weather (default responder) -> requires_action with that call', async () => {
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: WEATHER_TOOLS });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Hello!' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, {
      assistant_id: assistant.id,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    assert.equal(run.status, 'requires_action', JSON.stringify(run));
    assert.deepEqual(run.tool_choice, { type: 'function', function: { name: 'get_weather' } });
    const calls = run.required_action.submit_tool_outputs.tool_calls;
    assert.ok(calls.length >= 1);
    assert.ok(
      calls.every((call) => call.type === 'function' && call.function.name === 'get_weather'),
      `only get_weather is called: ${JSON.stringify(calls)}`,
    );
    assert.equal(typeof JSON.parse(calls[0].function.arguments), 'object');

    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, {
      thread_id: thread.id,
      tool_outputs: calls.map((call) => ({ tool_call_id: call.id, output: 'sunny' })),
    });
    assert.equal(done.status, 'completed');
  });

  test('parallel_tool_calls: false -> two requires_action rounds of one call each', async () => {
    await adminOk(server, 'PUT', '/__admin/scenario', readFileSync(scenarioFile('function_calling.json'), 'utf8'));
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: WEATHER_TOOLS });
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: "What's the weather in Paris?" }],
    });
    const first = await client.beta.threads.runs.createAndPoll(thread.id, {
      assistant_id: assistant.id,
      parallel_tool_calls: false,
    });
    assert.equal(first.parallel_tool_calls, false);
    assert.equal(first.status, 'requires_action');
    const firstCalls = first.required_action.submit_tool_outputs.tool_calls;
    assert.deepEqual(firstCalls.map((c) => c.function.name), ['get_weather']);
    assert.deepEqual(JSON.parse(firstCalls[0].function.arguments), { city: 'Paris', unit: 'celsius' });

    const second = await client.beta.threads.runs.submitToolOutputsAndPoll(first.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: firstCalls[0].id, output: '21C' }],
    });
    assert.equal(second.id, first.id);
    assert.equal(second.status, 'requires_action');
    const secondCalls = second.required_action.submit_tool_outputs.tool_calls;
    assert.deepEqual(secondCalls.map((c) => c.function.name), ['get_time']);
    assert.notEqual(secondCalls[0].id, firstCalls[0].id);

    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(first.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: secondCalls[0].id, output: '14:00' }],
    });
    assert.equal(done.status, 'completed');
    const latest = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data[0];
    assert.equal(textOf(latest), 'In Paris it is 21C at 14:00.');

    const steps = await collect(client.beta.threads.runs.steps.list(first.id, { thread_id: thread.id, order: 'asc' }));
    const toolSteps = steps.filter((s) => s.type === 'tool_calls');
    assert.equal(toolSteps.length, 2, 'one tool_calls step per round');
    for (const step of toolSteps) {
      assert.equal(step.status, 'completed');
      assert.equal(step.step_details.tool_calls.length, 1);
    }
  });

  test('max_completion_tokens: 256 with a ~3000-character answer -> incomplete', async () => {
    const longAnswer = 'The quick brown fox jumps over the lazy dog. '.repeat(67).trim(); // ~3000 chars
    assert.ok(longAnswer.length > 2900 && longAnswer.length < 3100);
    await adminOk(server, 'PUT', '/__admin/scenario', {
      rules: [{ when: { message_contains: 'essay' }, then: [{ message: longAnswer }] }],
    });
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Write an essay.' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, {
      assistant_id: assistant.id,
      max_completion_tokens: 256,
    });
    assert.equal(run.status, 'incomplete', JSON.stringify(run));
    assert.deepEqual(run.incomplete_details, { reason: 'max_completion_tokens' });
    assert.equal(run.max_completion_tokens, 256);
    assert.equal(run.completed_at, null);
    assert.ok(run.usage, 'a terminal run carries usage');
    assert.ok(run.usage.completion_tokens <= 256, `completion_tokens ${run.usage.completion_tokens} <= 256`);

    const answer = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data[0];
    assert.equal(answer.role, 'assistant');
    assert.equal(answer.run_id, run.id);
    assert.equal(answer.status, 'incomplete');
    assert.equal(typeof answer.incomplete_at, 'number');
    const text = textOf(answer);
    assert.ok(text.length < longAnswer.length, `the answer was cut short (${text.length} chars)`);
    assert.ok(longAnswer.startsWith(text), 'what was written is a prefix of the scripted answer');

    // The same answer without a cap completes.
    const uncapped = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    assert.equal(uncapped.status, 'completed');
    const full = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data[0];
    assert.equal(textOf(full), longAnswer);
  });
});
