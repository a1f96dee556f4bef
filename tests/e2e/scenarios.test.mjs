// Scripted runs (`serve --scenario FILE`) driven by the SDK's polling helpers:
// function calling with submit_tool_outputs (scenarios/function_calling.json), the scripted
// failures (scenarios/failures.json) and the seed article's session (scenarios/seed_article.json).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { clientFor, startServer } from './support/server.mjs';
import { scenarioFile } from './support/admin.mjs';
import { collect, textOf, rejectsWith } from './support/sdk.mjs';
import { WEATHER_TOOLS } from './support/tools.mjs';

let weatherServer;
let failuresServer;
let seedServer;

before(async () => {
  [weatherServer, failuresServer, seedServer] = await Promise.all([
    startServer({ extraArgs: ['--scenario', scenarioFile('function_calling.json')] }),
    startServer({ extraArgs: ['--scenario', scenarioFile('failures.json')] }),
    startServer({ extraArgs: ['--scenario', scenarioFile('seed_article.json')] }),
  ]);
});

after(async () => {
  await Promise.all([weatherServer?.stop(), failuresServer?.stop(), seedServer?.stop()]);
});

describe('function calling (scenarios/function_calling.json)', () => {
  let client;
  let assistant;

  before(async () => {
    client = clientFor(weatherServer);
    assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      name: 'Weather bot',
      instructions: 'Use the tools to answer weather questions.',
      tools: WEATHER_TOOLS,
    });
  });

  /** A thread asking about the weather, run until it stops at requires_action. */
  async function runToRequiresAction() {
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: "What's the weather in Paris?" }],
    });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    assert.equal(run.status, 'requires_action', `run: ${JSON.stringify(run)}`);
    const calls = run.required_action.submit_tool_outputs.tool_calls;
    const byName = Object.fromEntries(calls.map((call) => [call.function.name, call]));
    return { thread, run, calls, byName };
  }

  test('createAndPoll stops at requires_action with two parallel calls; outputs feed the answer', async () => {
    const { thread, run, calls, byName } = await runToRequiresAction();

    assert.equal(run.required_action.type, 'submit_tool_outputs');
    assert.deepEqual(calls.map((call) => call.function.name), ['get_weather', 'get_time']);
    for (const call of calls) {
      assert.equal(call.type, 'function');
      assert.match(call.id, /^call_[A-Za-z0-9]+$/);
    }
    assert.notEqual(calls[0].id, calls[1].id);
    assert.deepEqual(JSON.parse(byName.get_weather.function.arguments), { city: 'Paris', unit: 'celsius' });
    assert.deepEqual(JSON.parse(byName.get_time.function.arguments), { city: 'Paris' });
    assert.equal(run.expires_at - run.created_at, 600, 'expires_at = created_at + 600 s');
    assert.equal(run.completed_at, null);

    // While waiting, the tool_calls step is in progress and carries the same call ids.
    const waitingSteps = await collect(
      client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' }),
    );
    const waitingToolStep = waitingSteps.find((step) => step.type === 'tool_calls');
    assert.ok(waitingToolStep, `a tool_calls step exists: ${JSON.stringify(waitingSteps)}`);
    assert.equal(waitingToolStep.status, 'in_progress');
    assert.deepEqual(
      waitingToolStep.step_details.tool_calls.map((call) => call.id),
      calls.map((call) => call.id),
    );

    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, {
      thread_id: thread.id,
      tool_outputs: [
        { tool_call_id: byName.get_weather.id, output: '21C' },
        { tool_call_id: byName.get_time.id, output: '14:00' },
      ],
    });
    assert.equal(done.id, run.id);
    assert.equal(done.status, 'completed');
    assert.equal(done.required_action, null);
    assert.equal(typeof done.completed_at, 'number');

    const latest = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data[0];
    assert.equal(latest.role, 'assistant');
    assert.equal(latest.run_id, run.id);
    assert.equal(textOf(latest), 'In Paris it is 21C at 14:00.');

    const steps = await collect(client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' }));
    const toolStep = steps.find((step) => step.type === 'tool_calls');
    assert.equal(toolStep.id, waitingToolStep.id);
    assert.equal(toolStep.status, 'completed');
    assert.equal(typeof toolStep.completed_at, 'number');
    const outputs = Object.fromEntries(
      toolStep.step_details.tool_calls.map((call) => [call.function.name, call.function.output]),
    );
    assert.deepEqual(outputs, { get_weather: '21C', get_time: '14:00' });
    const creation = steps.find((step) => step.type === 'message_creation');
    assert.ok(creation, `a message_creation step exists: ${JSON.stringify(steps)}`);
    assert.equal(creation.step_details.message_creation.message_id, latest.id);
    assert.equal(creation.status, 'completed');
  });

  test('an output containing "ERROR" takes the tool_outputs_contain branch', async () => {
    const { thread, run, byName } = await runToRequiresAction();
    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, {
      thread_id: thread.id,
      tool_outputs: [
        { tool_call_id: byName.get_weather.id, output: 'ERROR: upstream timeout' },
        { tool_call_id: byName.get_time.id, output: '14:00' },
      ],
    });
    assert.equal(done.status, 'completed');
    const latest = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data[0];
    assert.equal(latest.role, 'assistant');
    const text = textOf(latest);
    assert.ok(
      text.startsWith('Sorry, the weather service failed: '),
      `the error branch answered: ${JSON.stringify(text)}`,
    );
    assert.ok(text.includes('ERROR: upstream timeout'), `{{tool_output}} is filled in: ${JSON.stringify(text)}`);
    assert.ok(!text.startsWith('In Paris it is'), 'the normal answer was replaced');
  });

  test('submitting only one of two outputs -> 400 "Expected tool outputs for call_ids ..."', async () => {
    const { thread, run, calls, byName } = await runToRequiresAction();
    const [first, second] = calls.map((call) => call.id);
    await rejectsWith(
      client.beta.threads.runs.submitToolOutputs(run.id, {
        thread_id: thread.id,
        tool_outputs: [{ tool_call_id: first, output: '21C' }],
      }),
      OpenAI.BadRequestError,
      (error) => {
        assert.equal(error.status, 400);
        assert.equal(error.type, 'invalid_request_error');
        assert.ok(
          error.error.message.startsWith('Expected tool outputs for call_ids'),
          `message: ${error.error.message}`,
        );
        assert.equal(error.error.message, `Expected tool outputs for call_ids ['${first}', '${second}'], got ['${first}']`);
      },
    );

    // The refused submit changed nothing: the run still waits, and a full submit completes it.
    const still = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    assert.equal(still.status, 'requires_action');
    assert.deepEqual(
      still.required_action.submit_tool_outputs.tool_calls.map((call) => call.id),
      [first, second],
    );
    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, {
      thread_id: thread.id,
      tool_outputs: [
        { tool_call_id: byName.get_time.id, output: '09:30' },
        { tool_call_id: byName.get_weather.id, output: '15C' },
      ],
    });
    assert.equal(done.status, 'completed');
    const latest = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data[0];
    assert.equal(textOf(latest), 'In Paris it is 15C at 09:30.', 'outputs are matched by call id, not order');
  });
});

describe('scripted failures (scenarios/failures.json)', () => {
  let client;
  let assistant;

  before(async () => {
    client = clientFor(failuresServer);
    assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: 'Fragile' });
  });

  async function ask(text, params = {}) {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: text }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id, ...params });
    return { thread, run };
  }

  test('"please fail" -> failed with last_error server_error, after "Let me think..."', async () => {
    const { thread, run } = await ask('please fail');
    assert.equal(run.status, 'failed');
    assert.deepEqual(run.last_error, {
      code: 'server_error',
      message: 'The server had an error processing your request.',
    });
    assert.equal(typeof run.failed_at, 'number');
    assert.ok(run.failed_at >= run.created_at);
    assert.equal(run.completed_at, null);
    assert.equal(run.cancelled_at, null);

    const messages = await collect(client.beta.threads.messages.list(thread.id, { order: 'asc' }));
    const answers = messages.filter((m) => m.role === 'assistant');
    assert.deepEqual(answers.map(textOf), ['Let me think...'], 'the message before the failure was written');
    assert.equal(answers[0].run_id, run.id);
  });

  test('a rule with times: 1 fails the first run only ("flaky")', async () => {
    const first = await ask('this is flaky');
    assert.equal(first.run.status, 'failed');
    assert.equal(first.run.last_error?.code, 'rate_limit_exceeded');
    assert.equal(first.run.last_error?.message, 'Rate limit reached.');

    const second = await ask('this is flaky');
    assert.equal(second.run.status, 'completed', 'the rule is used up; the default responder answers');
    assert.equal(second.run.last_error, null);
  });

  test('"too long" -> incomplete with incomplete_details.reason max_completion_tokens', async () => {
    const { run } = await ask('this is too long');
    assert.equal(run.status, 'incomplete');
    assert.deepEqual(run.incomplete_details, { reason: 'max_completion_tokens' });
    assert.equal(run.last_error, null);
  });

  test('"expire" -> expired', async () => {
    const { thread, run } = await ask('let it expire');
    assert.equal(run.status, 'expired');
    assert.equal(run.completed_at, null);
    // The thread is free again: a new message can be added.
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'hello again' });
  });
});

describe('seed article session (scenarios/seed_article.json)', () => {
  const QUESTION = 'I need to solve the equation `3x + 11 = 14`. Can you help me?';
  const FIRST_ANSWER =
    "Of course, Jane Doe! To solve the equation `3x + 11 = 14`, we need to find the value of `x` that makes the equation true. \n\nWe can do this by following these steps:\n1. Subtract 11 from both sides of the equation.\n2. Then divide by 3 on both sides.\n\nLet's calculate.";
  const SECOND_ANSWER = 'The solution to the equation `3x + 11 = 14` is `x = 1`, Jane Doe.';

  test('Math Tutor: two messages around one code_interpreter step with logs [1]', async () => {
    const client = clientFor(seedServer);
    const assistant = await client.beta.assistants.create({
      name: 'Math Tutor',
      instructions: 'You are a personal math tutor. Write and run code to answer math questions.',
      tools: [{ type: 'code_interpreter' }],
      model: 'gpt-4',
    });
    const thread = await client.beta.threads.create();
    const question = await client.beta.threads.messages.create(thread.id, { role: 'user', content: QUESTION });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, {
      assistant_id: assistant.id,
      instructions: 'Please address the user as Jane Doe. The user has a premium account.',
    });
    assert.equal(run.status, 'completed');
    assert.equal(run.instructions, 'Please address the user as Jane Doe. The user has a premium account.');

    const messages = await collect(client.beta.threads.messages.list(thread.id, { order: 'asc' }));
    assert.deepEqual(
      messages.map((m) => [m.role, textOf(m)]),
      [
        ['user', QUESTION],
        ['assistant', FIRST_ANSWER],
        ['assistant', SECOND_ANSWER],
      ],
    );
    assert.equal(messages[0].id, question.id);
    for (const answer of messages.slice(1)) {
      assert.equal(answer.run_id, run.id);
      assert.equal(answer.assistant_id, assistant.id);
      assert.equal(answer.status, 'completed');
    }

    const steps = await collect(client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' }));
    assert.deepEqual(
      steps.map((step) => step.type),
      ['message_creation', 'tool_calls', 'message_creation'],
    );
    for (const step of steps) {
      assert.equal(step.status, 'completed', `step ${step.id} is completed`);
      assert.equal(step.run_id, run.id);
      assert.equal(typeof step.completed_at, 'number');
    }
    assert.equal(steps[0].step_details.message_creation.message_id, messages[1].id);
    assert.equal(steps[2].step_details.message_creation.message_id, messages[2].id);

    const calls = steps[1].step_details.tool_calls;
    assert.equal(steps[1].step_details.type, 'tool_calls');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].type, 'code_interpreter');
    assert.ok(
      calls[0].code_interpreter.input.includes('from sympy import symbols, Eq, solve'),
      `input: ${calls[0].code_interpreter.input}`,
    );
    assert.deepEqual(calls[0].code_interpreter.outputs, [{ type: 'logs', logs: '[1]' }]);
  });
});
