// The seed article's flow migrated to the Responses + Conversations API, side by side with
// the Assistants flow, against ONE scenario file (scenarios/seed_article.json): the same rule
// scripts the run's steps and the response's output items.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientFor, startServer } from './support/server.mjs';
import { scenarioFile } from './support/admin.mjs';

const INSTRUCTIONS = 'You are a personal math tutor. Write and run code to answer math questions.';
const QUESTION = 'I need to solve the equation `3x + 11 = 14`. Can you help me?';
const RUN_INSTRUCTIONS = 'Please address the user as Jane Doe. The user has a premium account.';
const FIRST_ANSWER_START = 'Of course, Jane Doe! To solve the equation `3x + 11 = 14`';
const FINAL_ANSWER = 'The solution to the equation `3x + 11 = 14` is `x = 1`, Jane Doe.';

let server;
let client;

before(async () => {
  server = await startServer({ extraArgs: ['--scenario', scenarioFile('seed_article.json')] });
  client = clientFor(server);
});

after(async () => {
  await server?.stop();
});

test('Assistants flow: run steps from the scenario', async () => {
  const assistant = await client.beta.assistants.create({
    name: 'Math Tutor', instructions: INSTRUCTIONS, tools: [{ type: 'code_interpreter' }], model: 'gpt-4',
  });
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: 'user', content: QUESTION });
  const run = await client.beta.threads.runs.createAndPoll(thread.id, {
    assistant_id: assistant.id, instructions: RUN_INSTRUCTIONS,
  });
  assert.equal(run.status, 'completed');
  const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' });
  assert.deepEqual(steps.data.map((step) => step.type), ['message_creation', 'tool_calls', 'message_creation']);
});

test('Responses flow: the same scenario gives message, code_interpreter_call, message', async () => {
  // The thread becomes a conversation; the assistant's settings travel with the response.
  const conversation = await client.conversations.create();
  assert.match(conversation.id, /^conv_[A-Za-z0-9]+$/);
  const response = await client.responses.create({
    model: 'gpt-4',
    conversation: conversation.id,
    instructions: `${INSTRUCTIONS}\n${RUN_INSTRUCTIONS}`,
    tools: [{ type: 'code_interpreter', container: { type: 'auto' } }],
    include: ['code_interpreter_call.outputs'],
    input: [{ role: 'user', content: QUESTION }],
  });
  assert.match(response.id, /^resp_[A-Za-z0-9]+$/);
  assert.equal(response.status, 'completed');
  assert.equal(response.model, 'gpt-4');
  assert.deepEqual(response.output.map((item) => item.type), ['message', 'code_interpreter_call', 'message']);
  const [first, code, last] = response.output;
  assert.ok(first.content[0].text.startsWith(FIRST_ANSWER_START));
  assert.match(code.id, /^ci_/);
  assert.match(code.code, /Eq\(3\*x \+ 11, 14\)/);
  assert.deepEqual(code.outputs, [{ type: 'logs', logs: '[1]' }]);
  assert.equal(last.content[0].text, FINAL_ANSWER);
  // The SDK's computed output_text joins the message texts.
  assert.ok(response.output_text.endsWith(FINAL_ANSWER));
  assert.ok(response.usage.input_tokens > 0 && response.usage.output_tokens > 0);

  // The conversation holds the user's message, then the three output items, in order.
  const items = [];
  for await (const item of client.conversations.items.list(conversation.id, { order: 'asc' })) items.push(item);
  assert.deepEqual(items.map((item) => item.type), ['message', 'message', 'code_interpreter_call', 'message']);
  assert.equal(items[0].role, 'user');
  assert.equal(items[0].content[0].text, QUESTION);
  assert.deepEqual(items.slice(1).map((item) => item.id), response.output.map((item) => item.id));
});
