// A function-call round trip on the Responses API, scripted by scenarios/function_calling.json,
// the file that scripts the Assistants run's requires_action round: the response ends with two
// function_call items, and the next one (chained, with the function_call_output items) carries on.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientFor, startServer } from './support/server.mjs';
import { scenarioFile } from './support/admin.mjs';

const TOOLS = [
  { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false },
  { type: 'function', name: 'get_time', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false },
];

let server;
let client;

before(async () => {
  server = await startServer({ extraArgs: ['--scenario', scenarioFile('function_calling.json')] });
  client = clientFor(server);
});

after(async () => {
  await server?.stop();
});

async function answerCalls(response, outputs, extra = {}) {
  return client.responses.create({
    model: 'gpt-4o',
    tools: TOOLS,
    input: response.output.map((call) => ({ type: 'function_call_output', call_id: call.call_id, output: outputs[call.name] })),
    ...extra,
  });
}

test('previous_response_id chain: calls, outputs, final answer', async () => {
  const first = await client.responses.create({ model: 'gpt-4o', tools: TOOLS, input: 'What is the weather in Paris?' });
  assert.equal(first.status, 'completed');
  assert.deepEqual(first.output.map((item) => item.type), ['function_call', 'function_call']);
  for (const call of first.output) {
    assert.match(call.id, /^fc_/);
    assert.match(call.call_id, /^call_/);
    assert.equal(typeof call.arguments, 'string');
  }
  assert.deepEqual(JSON.parse(first.output[0].arguments), { city: 'Paris', unit: 'celsius' });

  const second = await answerCalls(first, { get_weather: '18°C', get_time: '14:00' }, { previous_response_id: first.id });
  assert.equal(second.output_text, 'In Paris it is 18°C at 14:00.');
});

test('in a conversation, and a rule on tool outputs takes over', async () => {
  const conversation = await client.conversations.create();
  const first = await client.responses.create({ model: 'gpt-4o', tools: TOOLS, conversation: conversation.id, input: 'weather?' });
  const second = await answerCalls(first, { get_weather: 'ERROR: offline', get_time: '14:00' }, { conversation: conversation.id });
  assert.match(second.output_text, /^Sorry, the weather service failed: ERROR: offline/);
  const items = await client.conversations.items.list(conversation.id, { order: 'asc' });
  assert.deepEqual(items.data.map((item) => item.type), [
    'message', 'function_call', 'function_call', 'function_call_output', 'function_call_output', 'message',
  ]);
});

test('an output for a call never made is a 400', async () => {
  await assert.rejects(
    client.responses.create({ model: 'gpt-4o', input: [{ type: 'function_call_output', call_id: 'call_unknown', output: 'x' }] }),
    (error) => error.status === 400 && /No tool call found/.test(error.message),
  );
});
