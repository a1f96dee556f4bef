// Streamed runs (`stream: true`, FACTS.md §6): the SDK's AssistantStream helper
// (runs.stream, createAndRunStream, submitToolOutputsStream) and the raw wire format read with
// fetch: event order, the `object` of each event's data, function calling ending the stream at
// requires_action, the seed article's code_interpreter step, events arriving as the run advances
// (not buffered to the end), a client that disconnects mid-stream, and cancelling while streaming.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { clientFor, startServer } from './support/server.mjs';
import { adminOk, scenarioFile } from './support/admin.mjs';
import { expectedObjectFor, postJson, readSse, sseRecorder, streamEvents } from './support/sse.mjs';
import { collect, textOf } from './support/sdk.mjs';
import { WEATHER_TOOLS } from './support/tools.mjs';

const SEED_QUESTION = 'I need to solve the equation `3x + 11 = 14`. Can you help me?';
const DELAYED_SCENARIO = {
  name: 'two messages, the second held 1.5 s',
  rules: [{ then: [{ message: 'first' }, { delay_ms: 1500, message: 'second' }] }],
};

// ---------------------------------------------------------------------------------------------
// helpers

const names = (events) => events.map((e) => e.event);

function pick(object, keys) {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

/** Retrieve the run until `done(run)` holds; fails after `limitMs` of wall time. */
async function retrieveUntil(client, threadId, runId, done, limitMs = 5_000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const current = await client.beta.threads.runs.retrieve(runId, { thread_id: threadId });
    if (done(current)) return current;
    if (Date.now() > deadline) {
      assert.fail(`run ${runId} still ${current.status} after ${limitMs} ms: ${JSON.stringify(current)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every event's data is JSON with the `object` its name calls for; done carries [DONE]. */
function assertWellFormed(events, context) {
  for (const [i, e] of events.entries()) {
    if (e.event === 'done') {
      assert.equal(e.data, '[DONE]', `${context}: event #${i} done carries [DONE]`);
      continue;
    }
    assert.ok(e.json !== undefined, `${context}: event #${i} ${e.event} has JSON data, got ${e.data}`);
    const expected = expectedObjectFor(e.event);
    assert.ok(expected, `${context}: event #${i} has an unknown name ${JSON.stringify(e.event)}`);
    assert.equal(e.json.object, expected, `${context}: event #${i} ${e.event} carries a ${expected}`);
  }
  assert.equal(events.at(-1)?.event, 'done', `${context}: the stream ends with done; got ${names(events)}`);
  assert.equal(
    events.filter((e) => e.event === 'done').length,
    1,
    `${context}: exactly one done event; got ${names(events)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// servers: started in parallel, each with the pace or scenario its tests need

let plain; // default responder, fast pace
let weather; // scenarios/function_calling.json
let seed; // scenarios/seed_article.json
let delayed; // DELAYED_SCENARIO, put through /__admin/scenario
let paced; // default responder, 40 ms between transitions: a run lasts a few hundred ms
let slow; // default responder, 200 ms between transitions: time to cancel with a message open

before(async () => {
  [plain, weather, seed, delayed, paced, slow] = await Promise.all([
    startServer(),
    startServer({ extraArgs: ['--scenario', scenarioFile('function_calling.json')] }),
    startServer({ extraArgs: ['--scenario', scenarioFile('seed_article.json')] }),
    startServer(),
    startServer({ runStepMs: 40 }),
    startServer({ runStepMs: 200 }),
  ]);
  await adminOk(delayed, 'PUT', '/__admin/scenario', DELAYED_SCENARIO);
});

after(async () => {
  await Promise.all([plain, weather, seed, delayed, paced, slow].map((s) => s?.stop()));
});

// ---------------------------------------------------------------------------------------------

describe('default responder', () => {
  let client;
  let assistant;

  before(async () => {
    client = clientFor(plain);
    assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: 'Streamer' });
  });

  test('runs.stream: the helper events fire and the finals match what the API stores', async () => {
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'Tell me something about rivers.' }],
    });
    const seen = {
      textCreated: [],
      textDelta: [],
      textDone: [],
      messageCreated: [],
      messageDone: [],
      runStepCreated: [],
      runStepDone: [],
      events: [],
    };
    const stream = client.beta.threads.runs
      .stream(thread.id, { assistant_id: assistant.id })
      .on('event', (e) => seen.events.push(e.event))
      .on('textCreated', (text) => seen.textCreated.push(structuredClone(text)))
      .on('textDelta', (delta) => seen.textDelta.push(delta.value ?? ''))
      .on('textDone', (text) => seen.textDone.push(text.value))
      .on('messageCreated', (message) => seen.messageCreated.push(message))
      .on('messageDone', (message) => seen.messageDone.push(message))
      .on('runStepCreated', (step) => seen.runStepCreated.push(step))
      .on('runStepDone', (step) => seen.runStepDone.push(step));

    const run = await stream.finalRun();
    const finalMessages = await stream.finalMessages();
    const finalSteps = await stream.finalRunSteps();

    assert.equal(run.status, 'completed');
    assert.equal(run.thread_id, thread.id);
    assert.equal(run.assistant_id, assistant.id);
    assert.equal(seen.events[0], 'thread.run.created', `events: ${seen.events}`);
    assert.equal(seen.events.at(-1), 'thread.run.completed', `events: ${seen.events}`);

    assert.equal(seen.messageCreated.length, 1, 'one messageCreated');
    assert.equal(seen.messageDone.length, 1, 'one messageDone');
    assert.equal(seen.textCreated.length, 1, 'one textCreated');
    assert.ok(seen.textDelta.length >= 1, 'at least one textDelta');
    assert.ok(seen.runStepCreated.length >= 1, 'runStepCreated fired');
    assert.equal(seen.runStepDone.length, seen.runStepCreated.length, 'every created step is done');

    const done = seen.messageDone[0];
    assert.equal(done.id, seen.messageCreated[0].id);
    assert.equal(done.status, 'completed');
    assert.equal(done.run_id, run.id);
    const finalText = textOf(done);
    assert.match(finalText, /rivers/, 'the default responder quotes the user message');
    assert.equal(seen.textDelta.join(''), finalText, 'the concatenated text deltas are the final text');
    assert.deepEqual(seen.textDone, [finalText]);

    // What the stream delivered is what the API serves afterwards.
    const stored = await collect(client.beta.threads.messages.list(thread.id, { run_id: run.id, order: 'asc' }));
    assert.equal(stored.length, 1);
    const keys = ['id', 'role', 'content', 'status'];
    assert.deepEqual(seen.messageDone.map((m) => pick(m, keys)), stored.map((m) => pick(m, keys)));
    // finalMessages() returns the SDK's accumulated snapshots: thread.message.created plus the
    // deltas. The SDK never copies thread.message.completed into them, so their status stays the
    // created event's "in_progress" and each content part keeps the delta's `index` (true of any
    // server). Compare id, role and content without that delta-only key; the completed status
    // is checked on messageDone above, which carries the thread.message.completed data.
    const fromSnapshot = (m) => ({
      id: m.id,
      role: m.role,
      content: m.content.map(({ index: _index, ...part }) => part),
    });
    assert.deepEqual(
      finalMessages.map(fromSnapshot),
      stored.map((m) => pick(m, ['id', 'role', 'content'])),
      'finalMessages() equals messages.list for the run (id, role, content)',
    );
    assert.deepEqual(
      finalMessages.map((m) => m.status),
      seen.messageCreated.map((m) => m.status),
      'the snapshot keeps the status of thread.message.created',
    );

    const steps = await collect(client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' }));
    assert.ok(steps.length >= 1);
    assert.deepEqual(finalSteps, steps, 'finalRunSteps() equals steps.list');
    assert.deepEqual(seen.runStepDone, steps, 'runStepDone carries the stored (completed) steps');
    const retrieved = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    assert.deepEqual(run, retrieved, 'finalRun() equals runs.retrieve');
  });

  test('raw thread-and-run stream: the service order, JSON data with the right object', async () => {
    const { response, events, raw, rest } = await streamEvents(plain, '/threads/runs', {
      assistant_id: assistant.id,
      thread: { messages: [{ role: 'user', content: 'Hello over the wire' }] },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(rest, '', 'the body ends on a complete event');
    assert.match(
      raw,
      /^(?:(?::[^\n]*\n)*event: [a-z._]+\ndata: [^\n]+\n\n)+$/,
      'the body is only `event: <name>\\ndata: <json>\\n\\n` blocks (comments allowed)',
    );

    const order = names(events);
    const deltas = order.filter((name) => name === 'thread.message.delta').length;
    assert.ok(deltas >= 1, `one or more thread.message.delta; got ${order}`);
    assert.deepEqual(order, [
      'thread.created',
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.message.created',
      'thread.message.in_progress',
      ...Array(deltas).fill('thread.message.delta'),
      'thread.message.completed',
      'thread.run.step.completed',
      'thread.run.completed',
      'done',
    ]);
    assertWellFormed(events, 'thread-and-run');

    const [threadEvent, created] = events;
    const runId = created.json.id;
    for (const e of events.filter((e) => e.event.startsWith('thread.run.') && !e.event.includes('.step.'))) {
      assert.equal(e.json.id, runId, `${e.event} is about run ${runId}`);
      assert.equal(e.json.thread_id, threadEvent.json.id);
      const status = e.event === 'thread.run.created' ? 'queued' : e.event.slice('thread.run.'.length);
      assert.equal(e.json.status, status, `${e.event} carries status ${status}`);
    }
    const message = events.find((e) => e.event === 'thread.message.completed').json;
    const text = events
      .filter((e) => e.event === 'thread.message.delta')
      .map((e) => {
        assert.equal(e.json.id, message.id);
        return e.json.delta.content.map((part) => part.text.value).join('');
      })
      .join('');
    assert.equal(text, textOf(message));
    assert.match(text, /Hello over the wire/);
    const step = events.find((e) => e.event === 'thread.run.step.completed').json;
    assert.equal(step.step_details.message_creation.message_id, message.id);

    const client2 = clientFor(plain);
    const stored = await client2.beta.threads.messages.retrieve(message.id, { thread_id: threadEvent.json.id });
    assert.deepEqual(stored, message, 'thread.message.completed equals messages.retrieve');
  });
});

// ---------------------------------------------------------------------------------------------

describe('function calling (scenarios/function_calling.json)', () => {
  test('createAndRunStream stops at requires_action; submitToolOutputsStream finishes the run', async () => {
    const recorder = sseRecorder();
    const client = clientFor(weather, { fetch: recorder.fetch });
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: WEATHER_TOOLS });

    const created = [];
    const argumentFragments = new Map(); // tool call index -> fragments
    const first = client.beta.threads
      .createAndRunStream({
        assistant_id: assistant.id,
        thread: { messages: [{ role: 'user', content: 'What is the weather in Paris right now?' }] },
      })
      .on('toolCallCreated', (call) => created.push(structuredClone(call)))
      .on('toolCallDelta', (delta) => {
        const fragments = argumentFragments.get(delta.index) ?? [];
        fragments.push(delta.function?.arguments ?? '');
        argumentFragments.set(delta.index, fragments);
      });
    const waiting = await first.finalRun();
    assert.equal(waiting.status, 'requires_action');

    assert.deepEqual(
      created.map((call) => [call.type, call.function?.name]),
      [
        ['function', 'get_weather'],
        ['function', 'get_time'],
      ],
      'toolCallCreated fires once per call',
    );
    assert.deepEqual([...argumentFragments.keys()], [0, 1], 'toolCallDelta fires for both calls');
    const scripted = [{ city: 'Paris', unit: 'celsius' }, { city: 'Paris' }];
    for (const [index, fragments] of argumentFragments) {
      const joined = (created[index].function.arguments ?? '') + fragments.join('');
      assert.deepEqual(JSON.parse(joined), scripted[index], `arguments of call ${index}: ${joined}`);
    }
    const calls = waiting.required_action.submit_tool_outputs.tool_calls;
    assert.deepEqual(
      calls.map((call) => [call.id, call.function.name, JSON.parse(call.function.arguments)]),
      [
        [created[0].id, 'get_weather', scripted[0]],
        [created[1].id, 'get_time', scripted[1]],
      ],
    );

    assert.equal(recorder.streams.length, 1);
    const wire1 = recorder.streams[0].events;
    assertWellFormed(wire1, 'createAndRunStream');
    assert.deepEqual(names(wire1).slice(-2), ['thread.run.requires_action', 'done'], `events: ${names(wire1)}`);
    assert.ok(names(wire1).includes('thread.run.step.delta'));
    assert.ok(
      !names(wire1).some((n) => n.startsWith('thread.message.')),
      `no assistant message before the tool outputs: ${names(wire1)}`,
    );

    const outputs = { get_weather: '21C', get_time: '14:00' };
    const events = [];
    const second = client.beta.threads.runs
      .submitToolOutputsStream(waiting.id, {
        thread_id: waiting.thread_id,
        tool_outputs: calls.map((call) => ({ tool_call_id: call.id, output: outputs[call.function.name] })),
      })
      .on('event', (e) => events.push(e));
    const finished = await second.finalRun();
    assert.equal(finished.status, 'completed');
    assert.equal(finished.id, waiting.id);

    assert.equal(recorder.streams.length, 2);
    const wire2 = recorder.streams[1].events;
    assertWellFormed(wire2, 'submitToolOutputsStream');
    const order = names(wire2);
    assert.deepEqual(order.slice(0, 2), ['thread.run.step.completed', 'thread.run.queued'], `events: ${order}`);
    assert.deepEqual(order.slice(-2), ['thread.run.completed', 'done'], `events: ${order}`);
    const toolStep = wire2[0].json;
    assert.equal(toolStep.type, 'tool_calls');
    assert.deepEqual(
      toolStep.step_details.tool_calls.map((call) => [call.id, call.function.output]),
      [
        [created[0].id, '21C'],
        [created[1].id, '14:00'],
      ],
      'the completed tool step carries the submitted outputs',
    );
    const messages = await second.finalMessages();
    assert.equal(messages.length, 1);
    assert.equal(textOf(messages[0]), 'In Paris it is 21C at 14:00.');
    const doneMessage = wire2.find((e) => e.event === 'thread.message.completed')?.json;
    assert.equal(doneMessage && textOf(doneMessage), 'In Paris it is 21C at 14:00.');
    assert.deepEqual(names(events), order.slice(0, -1), 'the SDK saw every wire event but done');
  });
});

// ---------------------------------------------------------------------------------------------

describe('seed article (scenarios/seed_article.json)', () => {
  test('the code_interpreter step streams its input and its [1] logs between two messages', async () => {
    const scenario = JSON.parse(readFileSync(scenarioFile('seed_article.json'), 'utf8'));
    const actions = scenario.rules[0].then;
    const expectedTexts = actions.filter((a) => a.message).map((a) => a.message);
    const expectedInput = actions.find((a) => a.code_interpreter).code_interpreter.input;

    const client = clientFor(seed);
    const assistant = await client.beta.assistants.create({
      name: 'Math Tutor',
      instructions: 'You are a personal math tutor. Write and run code to answer math questions.',
      tools: [{ type: 'code_interpreter' }],
      model: 'gpt-4',
    });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: SEED_QUESTION }] });

    const created = [];
    const inputFragments = [];
    const toolCallsDone = [];
    const stepsDone = [];
    const messagesDone = [];
    const stream = client.beta.threads.runs
      .stream(thread.id, {
        assistant_id: assistant.id,
        instructions: 'Please address the user as Jane Doe. The user has a premium account.',
      })
      .on('toolCallCreated', (call) => created.push(structuredClone(call)))
      .on('toolCallDelta', (delta) => {
        if (delta.type === 'code_interpreter') inputFragments.push(delta.code_interpreter?.input ?? '');
      })
      .on('toolCallDone', (call) => toolCallsDone.push(structuredClone(call)))
      .on('runStepDone', (step) => stepsDone.push(step))
      .on('messageDone', (message) => messagesDone.push(message));
    const run = await stream.finalRun();
    assert.equal(run.status, 'completed');

    assert.equal(created.length, 1, 'one toolCallCreated');
    assert.equal(created[0].type, 'code_interpreter');
    const accumulated = (created[0].code_interpreter?.input ?? '') + inputFragments.join('');
    assert.ok(accumulated.includes('from sympy import'), `accumulated input: ${accumulated}`);
    assert.equal(accumulated, expectedInput);

    const toolStep = stepsDone.find((step) => step.type === 'tool_calls');
    assert.ok(toolStep, `a tool_calls step is done; steps: ${JSON.stringify(stepsDone)}`);
    assert.equal(toolStep.status, 'completed');
    const call = toolStep.step_details.tool_calls[0];
    assert.equal(call.id, created[0].id);
    assert.equal(call.code_interpreter.input, expectedInput);
    assert.deepEqual(call.code_interpreter.outputs, [{ type: 'logs', logs: '[1]' }]);
    assert.equal(toolCallsDone.length, 1, 'one toolCallDone');
    assert.equal(toolCallsDone[0].id, created[0].id);
    assert.equal(toolCallsDone[0].code_interpreter.input, expectedInput);

    assert.deepEqual(messagesDone.map(textOf), expectedTexts, 'two messages with the article texts');
    assert.deepEqual(messagesDone.map((m) => m.status), ['completed', 'completed']);
    assert.deepEqual(
      stepsDone.map((step) => step.type),
      ['message_creation', 'tool_calls', 'message_creation'],
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('pacing, disconnects and cancel', () => {
  // Node's fetch (and so the SDK) sends `accept-encoding: gzip, deflate, br` unless told
  // otherwise; the stream must arrive event by event either way. Both run at once (1.5 s each).
  describe('incremental arrival', { concurrency: true }, () => {
    for (const [label, headers] of [
      ['default fetch headers', {}],
      ['accept-encoding: identity', { 'accept-encoding': 'identity' }],
    ]) {
      test(`events arrive as the run advances, not buffered to the end (${label})`, async () => {
        const client = clientFor(delayed);
        const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
        const { response, events } = await streamEvents(
          delayed,
          '/threads/runs',
          {
            assistant_id: assistant.id,
            thread: { messages: [{ role: 'user', content: 'Two things, please.' }] },
          },
          { headers },
        );
        const encoding = response.headers.get('content-encoding') ?? '(none)';
        assertWellFormed(events, 'delayed thread-and-run');
        assert.deepEqual(names(events).slice(-2), ['thread.run.completed', 'done']);
        const runCreated = events.find((e) => e.event === 'thread.run.created');
        const messagesCreated = events.filter((e) => e.event === 'thread.message.created');
        assert.equal(messagesCreated.length, 2, `two messages; events: ${names(events)}`);
        const completedTexts = events.filter((e) => e.event === 'thread.message.completed').map((e) => textOf(e.json));
        assert.deepEqual(completedTexts, ['first', 'second']);
        const gap = messagesCreated[1].receivedAt - runCreated.receivedAt;
        assert.ok(
          gap >= 1000,
          `thread.run.created arrived ${gap.toFixed(0)} ms before the second thread.message.created; ` +
            'expected >= 1000 ms (the stream must not be buffered until the run ends); ' +
            `response content-encoding: ${encoding}`,
        );
        const firstDone = events.find((e) => e.event === 'thread.message.completed');
        assert.ok(
          messagesCreated[1].receivedAt - firstDone.receivedAt >= 1000,
          'the first message was delivered before the 1.5 s hold',
        );
      });
    }
  });

  test('a client that disconnects mid-stream does not break the run or the server', async () => {
    const client = clientFor(paced);
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Disconnect me' }] });

    const controller = new AbortController();
    const response = await postJson(
      paced,
      `/threads/${thread.id}/runs`,
      { assistant_id: assistant.id, stream: true },
      { signal: controller.signal },
    );
    assert.equal(response.status, 200);
    let received;
    try {
      received = await readSse(response, (_event, events) => events.length >= 3);
    } finally {
      controller.abort();
    }
    const seen = names(received.events);
    assert.ok(
      !seen.includes('thread.run.completed'),
      `the client meant to disconnect after 3 events but had already received the whole run in one ` +
        `piece (content-encoding: ${response.headers.get('content-encoding') ?? '(none)'}): ${seen}`,
    );
    assert.deepEqual(seen.slice(0, 3), ['thread.run.created', 'thread.run.queued', 'thread.run.in_progress']);
    const runId = received.events[0].json.id;

    const run = await retrieveUntil(client, thread.id, runId, (r) => r.status === 'completed');
    assert.equal(run.status, 'completed');
    const messages = await collect(client.beta.threads.messages.list(thread.id, { run_id: runId }));
    assert.equal(messages.length, 1, 'the run wrote its reply');
    assert.equal(messages[0].status, 'completed');
    assert.match(textOf(messages[0]), /Disconnect me/);

    // The same server streams the next run, on the same thread, to the end.
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'Still there?' });
    const again = await streamEvents(paced, `/threads/${thread.id}/runs`, { assistant_id: assistant.id });
    assertWellFormed(again.events, 'second stream');
    assert.deepEqual(names(again.events).slice(-2), ['thread.run.completed', 'done']);
    const reply = again.events.find((e) => e.event === 'thread.message.completed')?.json;
    assert.match(reply ? textOf(reply) : '', /Still there\?/);
    assert.equal(paced.process.exitCode, null, 'the server is still running');
  });

  test('cancel while streaming (delayed scenario): the stream ends cancelling -> cancelled -> done', async () => {
    const client = clientFor(delayed);
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Take your time' }] });

    let cancelled;
    let cancelAt;
    const started = performance.now();
    const { events } = await streamEvents(
      delayed,
      `/threads/${thread.id}/runs`,
      { assistant_id: assistant.id },
      {
        onEvent: (e, all) => {
          // The first message is written; the second is held for 1.5 s: cancel now.
          if (e.event === 'thread.run.step.completed' && !cancelled) {
            cancelAt = all.length;
            cancelled = client.beta.threads.runs.cancel(e.json.run_id, { thread_id: thread.id });
          }
        },
      },
    );
    const elapsed = performance.now() - started;
    assert.ok(cancelled, `the stream reached the first step's completion; events: ${names(events)}`);
    const answer = await cancelled.catch((error) =>
      assert.fail(
        `runs.cancel sent after event #${cancelAt} (thread.run.step.completed) failed: ${error.message} ` +
          `The client received all ${events.length} events within ` +
          `${(events.at(-1).receivedAt - events[0].receivedAt).toFixed(0)} ms, ${elapsed.toFixed(0)} ms ` +
          'after the request: the stream was buffered until the run ended.',
      ),
    );
    assert.equal(answer.status, 'cancelling');
    assertWellFormed(events, 'cancelled stream');

    const order = names(events);
    const tail = order.slice(cancelAt);
    const expectedTail = tail[0] === 'thread.run.cancelling'
      ? ['thread.run.cancelling', 'thread.run.cancelled', 'done']
      : ['thread.run.cancelled', 'done'];
    assert.deepEqual(tail, expectedTail, `after the cancel: ${tail} (all: ${order})`);
    assert.ok(elapsed < 1400, `the cancel ended the stream before the held action (${elapsed.toFixed(0)} ms)`);
    const last = events.at(-2).json;
    assert.equal(last.status, 'cancelled');
    assert.equal(typeof last.cancelled_at, 'number');

    const run = await client.beta.threads.runs.retrieve(answer.id, { thread_id: thread.id });
    assert.equal(run.status, 'cancelled');
    const messages = await collect(client.beta.threads.messages.list(thread.id, { run_id: run.id }));
    assert.deepEqual(messages.map(textOf), ['first'], 'the held message was never written');
  });

  test('cancel with a message open: the SDK stream ends cancelled, the message incomplete', async () => {
    const recorder = sseRecorder();
    const client = clientFor(slow, { fetch: recorder.fetch });
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'A long story' }] });

    let cancelled;
    let openMessage;
    const stream = client.beta.threads.runs
      .stream(thread.id, { assistant_id: assistant.id })
      .on('messageCreated', (message) => {
        openMessage ??= message;
        cancelled ??= client.beta.threads.runs.cancel(message.run_id, { thread_id: thread.id });
      });
    const run = await stream.finalRun();
    assert.ok(cancelled, 'a message was opened');
    const answer = await cancelled.catch((error) => {
      const wire = recorder.streams[0]?.events ?? [];
      return assert.fail(
        `runs.cancel sent on messageCreated failed: ${error.message} The client received all ` +
          `${wire.length} events within ${(wire.at(-1).receivedAt - wire[0].receivedAt).toFixed(0)} ms: ` +
          'the stream was buffered until the run ended.',
      );
    });
    assert.equal(answer.status, 'cancelling');
    assert.equal(run.status, 'cancelled');

    const wire = recorder.streams[0].events;
    assertWellFormed(wire, 'cancelled SDK stream');
    const order = names(wire);
    assert.deepEqual(order.slice(-2), ['thread.run.cancelled', 'done'], `events: ${order}`);
    const cancelling = order.indexOf('thread.run.cancelling');
    if (cancelling !== -1) {
      const between = order.slice(cancelling + 1, -2);
      for (const name of between) {
        assert.ok(
          ['thread.message.incomplete', 'thread.run.step.cancelled'].includes(name),
          `only closing events between cancelling and cancelled; got ${name} (all: ${order})`,
        );
      }
    }
    assert.ok(!order.includes('thread.message.completed'), `the open message did not complete: ${order}`);

    const message = await client.beta.threads.messages.retrieve(openMessage.id, { thread_id: thread.id });
    assert.equal(message.status, 'incomplete');
    assert.deepEqual(message.incomplete_details, { reason: 'run_cancelled' });
    const steps = await collect(client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id }));
    for (const step of steps) assert.notEqual(step.status, 'in_progress', `step ${step.id} is closed`);
  });
});
