// Runs through the SDK: create-and-poll, list, update, cancel (terminal and active),
// and thread-and-run with polling.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { clientFor, startServer } from './support/server.mjs';

let server; // runs finish within a few ms
let slow; // runs stay queued for a minute
let client;
let slowClient;
let assistant;

before(async () => {
  [server, slow] = await Promise.all([startServer(), startServer({ runStepMs: 60_000 })]);
  client = clientFor(server);
  slowClient = clientFor(slow);
  assistant = await client.beta.assistants.create({
    model: 'gpt-4o',
    name: 'Runner',
    instructions: 'Answer briefly.',
  });
});

after(async () => {
  await Promise.all([server?.stop(), slow?.stop()]);
});

async function threadWithQuestion(c, text = 'What is 2 + 2?') {
  return c.beta.threads.create({ messages: [{ role: 'user', content: text }] });
}

test('createAndPoll completes; the run is listed, retrievable and updatable', async () => {
  const thread = await threadWithQuestion(client);
  const started = Date.now();
  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  assert.equal(run.status, 'completed');
  assert.ok(Date.now() - started < 5_000, 'polling follows openai-poll-after-ms, not the SDK default');
  assert.equal(run.instructions, 'Answer briefly.', "without an override the run uses the assistant's instructions");
  assert.equal(run.last_error, null);
  for (const key of ['created_at', 'started_at', 'completed_at']) {
    assert.equal(typeof run[key], 'number', `${key} is set on a completed run`);
  }
  assert.equal(run.cancelled_at, null);
  assert.equal(run.failed_at, null);

  const { data: retrieved, response } = await client.beta.threads.runs
    .retrieve(run.id, { thread_id: thread.id })
    .withResponse();
  assert.equal(retrieved.status, 'completed');
  assert.equal(response.headers.get('openai-poll-after-ms'), '5');

  const ids = [];
  for await (const listed of client.beta.threads.runs.list(thread.id)) ids.push(listed.id);
  assert.deepEqual(ids, [run.id]);

  const updated = await client.beta.threads.runs.update(run.id, {
    thread_id: thread.id,
    metadata: { ticket: 'T-1' },
  });
  assert.equal(updated.id, run.id);
  assert.deepEqual(updated.metadata, { ticket: 'T-1' });
  assert.equal(updated.status, 'completed');
  const again = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
  assert.deepEqual(again.metadata, { ticket: 'T-1' });
});

test('cancelling a completed run -> 400 "Cannot cancel run with status \'completed\'."', async () => {
  const thread = await threadWithQuestion(client);
  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  assert.equal(run.status, 'completed');
  await assert.rejects(client.beta.threads.runs.cancel(run.id, { thread_id: thread.id }), (error) => {
    assert.ok(error instanceof OpenAI.BadRequestError, `got ${error?.constructor?.name}: ${error?.message}`);
    assert.equal(error.status, 400);
    assert.equal(error.error.message, "Cannot cancel run with status 'completed'.");
    assert.equal(error.type, 'invalid_request_error');
    return true;
  });
});

test('cancelling an active run answers status "cancelling"', async () => {
  const slowAssistant = await slowClient.beta.assistants.create({ model: 'gpt-4o' });
  const thread = await threadWithQuestion(slowClient);
  const run = await slowClient.beta.threads.runs.create(thread.id, { assistant_id: slowAssistant.id });
  assert.equal(run.status, 'queued');

  const cancelling = await slowClient.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
  assert.equal(cancelling.id, run.id);
  assert.equal(cancelling.object, 'thread.run');
  assert.equal(cancelling.status, 'cancelling');

  const retrieved = await slowClient.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
  assert.equal(retrieved.status, 'cancelling', 'the server moves on only after --run-step-ms');
});

test('createAndRunPoll creates the thread, runs it to completion', async () => {
  const run = await client.beta.threads.createAndRunPoll({
    assistant_id: assistant.id,
    thread: {
      messages: [
        { role: 'user', content: 'Name a prime number.' },
        { role: 'user', content: 'Then name another one.' },
      ],
      metadata: { source: 'e2e' },
    },
  });
  assert.equal(run.object, 'thread.run');
  assert.equal(run.status, 'completed');
  assert.equal(run.assistant_id, assistant.id);
  assert.match(run.thread_id, /^thread_[A-Za-z0-9]+$/);

  const thread = await client.beta.threads.retrieve(run.thread_id);
  assert.deepEqual(thread.metadata, { source: 'e2e' });

  const messages = (await client.beta.threads.messages.list(run.thread_id, { order: 'asc' })).data;
  assert.deepEqual(
    messages.slice(0, 2).map((m) => [m.role, m.content[0].text.value]),
    [
      ['user', 'Name a prime number.'],
      ['user', 'Then name another one.'],
    ],
  );
  const answers = messages.slice(2);
  assert.ok(answers.length >= 1, 'the run wrote an answer');
  for (const answer of answers) {
    assert.equal(answer.role, 'assistant');
    assert.equal(answer.run_id, run.id);
  }
});
