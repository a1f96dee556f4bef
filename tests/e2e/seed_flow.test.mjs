// The seed article's flow (see ../shared/README.md), driven with the official SDK against the mock:
// assistant "Math Tutor" -> thread -> user message -> run with an instructions override -> poll to
// completed -> list messages -> list run steps.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientFor, startServer } from './support/server.mjs';

const INSTRUCTIONS = 'You are a personal math tutor. Write and run code to answer math questions.';
const QUESTION = 'I need to solve the equation `3x + 11 = 14`. Can you help me?';
const RUN_INSTRUCTIONS = 'Please address the user as Jane Doe. The user has a premium account.';

let server;
let client;

before(async () => {
  server = await startServer();
  client = clientFor(server);
});

after(async () => {
  await server?.stop();
});

test('seed article flow: Math Tutor solves 3x + 11 = 14', async (t) => {
  const assistant = await client.beta.assistants.create({
    name: 'Math Tutor',
    instructions: INSTRUCTIONS,
    tools: [{ type: 'code_interpreter' }],
    model: 'gpt-4',
  });
  assert.match(assistant.id, /^asst_[A-Za-z0-9]+$/);
  assert.equal(assistant.object, 'assistant');
  assert.equal(assistant.name, 'Math Tutor');
  assert.equal(assistant.instructions, INSTRUCTIONS);
  assert.equal(assistant.model, 'gpt-4');
  assert.deepEqual(assistant.tools.map((tool) => tool.type), ['code_interpreter']);

  const thread = await client.beta.threads.create();
  assert.match(thread.id, /^thread_[A-Za-z0-9]+$/);
  assert.equal(thread.object, 'thread');

  const userMessage = await client.beta.threads.messages.create(thread.id, {
    role: 'user',
    content: QUESTION,
  });
  assert.match(userMessage.id, /^msg_[A-Za-z0-9]+$/);
  assert.equal(userMessage.object, 'thread.message');
  assert.equal(userMessage.role, 'user');
  assert.equal(userMessage.thread_id, thread.id);
  assert.equal(userMessage.assistant_id, null);
  assert.equal(userMessage.run_id, null);
  assert.equal(userMessage.content[0].type, 'text');
  assert.equal(userMessage.content[0].text.value, QUESTION);

  const run = await client.beta.threads.runs.createAndPoll(thread.id, {
    assistant_id: assistant.id,
    instructions: RUN_INSTRUCTIONS,
  });
  assert.match(run.id, /^run_[A-Za-z0-9]+$/);
  assert.equal(run.object, 'thread.run');
  assert.equal(run.status, 'completed');
  assert.equal(run.thread_id, thread.id);
  assert.equal(run.assistant_id, assistant.id);
  assert.equal(run.instructions, RUN_INSTRUCTIONS, 'the run shows the effective (overriding) instructions');
  assert.equal(run.model, 'gpt-4');
  assert.equal(typeof run.completed_at, 'number');

  await t.test('run usage has numeric token counts', () => {
    assert.ok(run.usage, 'a completed run carries usage');
    for (const key of ['prompt_tokens', 'completion_tokens', 'total_tokens']) {
      assert.equal(typeof run.usage[key], 'number', `usage.${key} is a number`);
      assert.ok(Number.isInteger(run.usage[key]) && run.usage[key] >= 0, `usage.${key} >= 0`);
    }
    assert.equal(run.usage.total_tokens, run.usage.prompt_tokens + run.usage.completion_tokens);
  });

  await t.test('the override is not persisted on the assistant', async () => {
    const again = await client.beta.assistants.retrieve(assistant.id);
    assert.equal(again.instructions, INSTRUCTIONS);
  });

  const retrieved = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
  assert.equal(retrieved.id, run.id);
  assert.equal(retrieved.status, 'completed');

  const messages = [];
  for await (const message of client.beta.threads.messages.list(thread.id, { order: 'asc' })) {
    messages.push(message);
  }
  assert.ok(messages.length >= 2, `expected the user message and an answer, got ${messages.length}`);
  assert.equal(messages[0].id, userMessage.id, 'the user message comes first in ascending order');
  assert.equal(messages[0].role, 'user');

  const answers = messages.slice(1);
  for (const answer of answers) {
    assert.equal(answer.role, 'assistant');
    assert.equal(answer.thread_id, thread.id);
    assert.equal(answer.assistant_id, assistant.id);
    assert.equal(answer.run_id, run.id);
    const texts = answer.content.filter((part) => part.type === 'text');
    assert.ok(texts.length > 0, 'an assistant message has text content');
    assert.ok(texts.every((part) => part.text.value.length > 0), 'assistant text is not empty');
  }
  const answer = answers[0];

  // Messages filtered by run_id return only what the run wrote.
  const byRun = await client.beta.threads.messages.list(thread.id, { run_id: run.id, order: 'asc' });
  assert.deepEqual(byRun.data.map((m) => m.id), answers.map((m) => m.id));

  const steps = [];
  for await (const step of client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id })) {
    steps.push(step);
  }
  assert.ok(steps.length >= 1, 'the run has at least one step');
  for (const step of steps) {
    assert.match(step.id, /^step_[A-Za-z0-9]+$/);
    assert.equal(step.object, 'thread.run.step');
    assert.equal(step.run_id, run.id);
    assert.equal(step.thread_id, thread.id);
    assert.equal(step.assistant_id, assistant.id);
    assert.equal(step.status, 'completed');
  }
  const creation = steps.find(
    (step) =>
      step.type === 'message_creation' &&
      step.step_details?.type === 'message_creation' &&
      step.step_details.message_creation.message_id === answer.id,
  );
  assert.ok(creation, `a message_creation step points at ${answer.id}; steps: ${JSON.stringify(steps)}`);
  assert.equal(creation.status, 'completed');

  const step = await client.beta.threads.runs.steps.retrieve(creation.id, {
    thread_id: thread.id,
    run_id: run.id,
  });
  assert.equal(step.id, creation.id);
  assert.equal(step.step_details.message_creation.message_id, answer.id);
});
