// Streaming responses with the SDK's own helpers: responses.stream() + finalResponse(), and
// create({stream: true}) read event by event.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientFor, startServer } from './support/server.mjs';
import { scenarioFile } from './support/admin.mjs';

let server;
let client;

before(async () => {
  server = await startServer({ extraArgs: ['--scenario', scenarioFile('seed_article.json')] });
  client = clientFor(server);
});

after(async () => {
  await server?.stop();
});

test('responses.stream(): text deltas add up to the final text', async () => {
  const stream = client.responses.stream({ model: 'gpt-4o', input: 'Say something long enough to stream in pieces.' });
  let text = '';
  stream.on('response.output_text.delta', (event) => {
    text += event.delta;
  });
  const final = await stream.finalResponse();
  assert.equal(final.status, 'completed');
  assert.equal(final.output_text, text);
  assert.equal(text, 'This is the mock assistant (model gpt-4o) replying to: Say something long enough to stream in pieces.');
});

test('create({stream: true}): the service order, sequence numbers from 0', async () => {
  const stream = await client.responses.create({
    model: 'gpt-4o', stream: true, input: 'I need to solve the equation `3x + 11 = 14`. Can you help me?',
    tools: [{ type: 'code_interpreter', container: { type: 'auto' } }],
  });
  const events = [];
  for await (const event of stream) events.push(event);
  assert.deepEqual(events.map((event) => event.sequence_number), events.map((_, i) => i));
  const types = events.map((event) => event.type);
  assert.equal(types[0], 'response.created');
  assert.equal(types[1], 'response.in_progress');
  assert.equal(types.at(-1), 'response.completed');
  for (const type of ['response.code_interpreter_call.in_progress', 'response.code_interpreter_call_code.delta',
    'response.code_interpreter_call_code.done', 'response.code_interpreter_call.interpreting',
    'response.code_interpreter_call.completed']) {
    assert.ok(types.includes(type), `missing ${type}`);
  }
  const added = events.filter((event) => event.type === 'response.output_item.added').map((event) => event.item.type);
  assert.deepEqual(added, ['message', 'code_interpreter_call', 'message']);
});
