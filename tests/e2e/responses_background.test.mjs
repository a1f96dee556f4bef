// Background responses polled to the end, cancelled, resumed by stream with starting_after;
// store: false; every error class the SDK raises on this API.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from './support/openai.mjs';
import { clientFor, startServer } from './support/server.mjs';

let server;
let client;
let slowServer;  // a minute a step: a response stays queued for as long as a test needs

before(async () => {
  [server, slowServer] = await Promise.all([
    startServer({ runStepMs: 20, apiKey: 'sk-test' }),
    startServer({ runStepMs: 60_000 }),
  ]);
  client = clientFor(server);
});

after(async () => {
  await Promise.all([server?.stop(), slowServer?.stop()]);
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('background: queued, polled to completed', async () => {
  let response = await client.responses.create({ model: 'gpt-4o', background: true, input: 'hi' });
  assert.equal(response.status, 'queued');
  const seen = new Set([response.status]);
  while (response.status === 'queued' || response.status === 'in_progress') {
    await sleep(5);
    response = await client.responses.retrieve(response.id);
    seen.add(response.status);
  }
  assert.equal(response.status, 'completed');
  assert.ok(seen.has('completed'));
  assert.equal(response.output_text, 'This is the mock assistant (model gpt-4o) replying to: hi');
});

test('background: cancel while queued, twice', async () => {
  const slow = clientFor(slowServer);
  const response = await slow.responses.create({ model: 'gpt-4o', background: true, input: 'hi' });
  const cancelled = await slow.responses.cancel(response.id);
  assert.equal(cancelled.status, 'cancelled');
  assert.deepEqual(cancelled.output, []);
  assert.deepEqual(await slow.responses.cancel(response.id), cancelled);
  assert.equal((await slow.responses.retrieve(response.id)).status, 'cancelled');
});

test('background + stream: cancelling ends the open stream', async () => {
  // The service's stream has no event for a cancel (`response.cancelled` is a webhook event):
  // the stream ends after the events the response reached; retrieve tells the status.
  const slow = clientFor(slowServer);
  const stream = await slow.responses.create({ model: 'gpt-4o', background: true, stream: true, input: 'hi' });
  const types = [];
  let id;
  for await (const event of stream) {
    types.push(event.type);
    id = event.response?.id ?? id;
    if (event.type === 'response.queued') await slow.responses.cancel(id);
  }
  assert.deepEqual(types, ['response.created', 'response.queued']);
  assert.equal((await slow.responses.retrieve(id)).status, 'cancelled');
});

test('background + stream, resumed with starting_after', async () => {
  const response = await client.responses.create({ model: 'gpt-4o', background: true, input: 'hello again' });
  const resumed = client.responses.stream({ response_id: response.id, starting_after: 1 });
  const numbers = [];
  resumed.on('event', (event) => numbers.push(event.sequence_number));
  const final = await resumed.finalResponse();
  assert.equal(final.status, 'completed');
  assert.equal(numbers[0], 2);
});

test('store: false is answered but cannot be retrieved', async () => {
  const response = await client.responses.create({ model: 'gpt-4o', store: false, input: 'secret' });
  assert.equal(response.store, false);
  await assert.rejects(client.responses.retrieve(response.id), OpenAI.NotFoundError);
});

test('error classes', async () => {
  await assert.rejects(client.responses.create({ input: 'no model' }), (error) => {
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.code, 'missing_required_parameter');
    return true;
  });
  await assert.rejects(
    client.responses.create({ model: 'gpt-4o', previous_response_id: 'resp_x', conversation: 'conv_x' }),
    (error) => error instanceof OpenAI.BadRequestError && error.code === 'mutually_exclusive_parameters',
  );
  await assert.rejects(client.responses.create({ model: 'gpt-4o', previous_response_id: 'resp_gone' }),
    (error) => error instanceof OpenAI.BadRequestError && error.code === 'previous_response_not_found');
  const sync = await client.responses.create({ model: 'gpt-4o', input: 'x' });
  await assert.rejects(client.responses.cancel(sync.id),
    (error) => error instanceof OpenAI.BadRequestError && error.message.includes('Cannot cancel a synchronous response.'));
  await assert.rejects(client.conversations.retrieve('conv_missing'), OpenAI.NotFoundError);
  await assert.rejects(clientFor(server, { apiKey: 'sk-wrong' }).responses.retrieve(sync.id), OpenAI.AuthenticationError);
  await client.responses.delete(sync.id);
  await assert.rejects(client.responses.retrieve(sync.id), OpenAI.NotFoundError);
});
