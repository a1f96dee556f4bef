// `serve --as-of DATE` (issue 23): one scenario, the seed article's flow, against the API as it
// was on several dates. The v1 SDK (openai 4.36.0, "openai-v1") and the v2 SDK (openai 6.x).
// Every v1 answer of a served date is written to a cassette and judged by `assistants-mock check`
// against the contract of that date (v1-2023-12 in December 2023, v1-final in June 2024).

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAIv1 from 'openai-v1';
import OpenAIv2, { toFile } from 'openai';
import { clientFor, mockBinary, startServer } from './support/server.mjs';
import { adminOk, scenarioFile } from './support/admin.mjs';
import { rejectsWith, textOf } from './support/sdk.mjs';

const INSTRUCTIONS = 'You are a personal math tutor. Write and run code to answer math questions.';
const QUESTION = 'I need to solve the equation `3x + 11 = 14`. Can you help me?';
const RUN_INSTRUCTIONS = 'Please address the user as Jane Doe. The user has a premium account.';
const V1_SHUTDOWN_MESSAGE =
  "The v1 Assistants API has been deprecated. Please try again by setting the header 'OpenAI-Beta: assistants=v2'. " +
  'See the migration guide for more information: https://platform.openai.com/docs/assistants/migration.';

const servers = [];
const dirs = [];
after(async () => {
  for (const server of servers) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function serveAsOf(date) {
  const server = await startServer({ extraArgs: ['--as-of', date, '--scenario', scenarioFile('seed_article.json')] });
  servers.push(server);
  return server;
}

/** A v1 SDK client whose every exchange is kept, for the cassette. */
function recordingV1(server) {
  const exchanges = [];
  const client = new OpenAIv1({
    baseURL: server.baseURL,
    apiKey: 'sk-test',
    maxRetries: 0,
    async fetch(url, init = {}) {
      const response = await fetch(url, init);
      const text = await response.clone().text();
      exchanges.push({
        method: (init.method ?? 'GET').toUpperCase(),
        url: new URL(String(url)),
        beta: new Headers(init.headers).get('openai-beta'),
        status: response.status,
        json: text === '' ? null : JSON.parse(text),
      });
      return response;
    },
  });
  return { client, exchanges };
}

/**
 * The seed article's flow: assistant, thread, message, run with instructions, poll, messages, steps.
 * The v2 SDK (6.x) takes the thread id of a run as a parameter, the v1 SDK positionally.
 */
async function seedFlow(beta, { sdk = 'v1' } = {}) {
  const retrieveRun = (threadId, runId) =>
    sdk === 'v1' ? beta.threads.runs.retrieve(threadId, runId) : beta.threads.runs.retrieve(runId, { thread_id: threadId });
  const listSteps = (threadId, runId) =>
    sdk === 'v1' ? beta.threads.runs.steps.list(threadId, runId) : beta.threads.runs.steps.list(runId, { thread_id: threadId });
  const assistant = await beta.assistants.create({
    name: 'Math Tutor', instructions: INSTRUCTIONS, tools: [{ type: 'code_interpreter' }], model: 'gpt-4',
  });
  const thread = await beta.threads.create();
  await beta.threads.messages.create(thread.id, { role: 'user', content: QUESTION });
  let run = await beta.threads.runs.create(thread.id, { assistant_id: assistant.id, instructions: RUN_INSTRUCTIONS });
  for (let i = 0; i < 400 && !['completed', 'failed', 'cancelled', 'expired'].includes(run.status); ++i) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    run = await retrieveRun(thread.id, run.id);
  }
  const messages = await beta.threads.messages.list(thread.id, { order: 'asc' });
  const steps = await listSteps(thread.id, run.id);
  return { assistant, thread, run, messages: messages.data, steps: steps.data };
}

/** Writes the exchanges as a cassette (cassettes/FORMAT.md) and runs `check --api-version`. */
async function checkAgainst(exchanges, apiVersion, recordedAt) {
  const dir = mkdtempSync(join(tmpdir(), 'as-of-e2e-'));
  dirs.push(dir);
  const file = join(dir, `${apiVersion}.json`);
  const cassette = {
    format: 'assistants-mock-cassette',
    version: 1,
    meta: { tool: 'tests/e2e/as_of.test.mjs', recorded_at: recordedAt, upstream: 'assistants-mock serve --as-of', api_version: 'assistants=v1' },
    interactions: exchanges.map((e) => ({
      request: {
        method: e.method,
        path: e.url.pathname,
        ...(e.url.search ? { query: [...e.url.searchParams] } : {}),
        headers: { 'openai-beta': e.beta },
      },
      response: { status: e.status, headers: { 'content-type': 'application/json' }, body: { json: e.json } },
    })),
  };
  writeFileSync(file, JSON.stringify(cassette, null, 2));
  return new Promise((resolve) => {
    execFile(mockBinary(), ['check', '--api-version', apiVersion, file], (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

describe('2023-12-15: the v1 API of the seed article', () => {
  test('the v1 SDK runs the seed flow and every answer is valid against the 2023-12 spec', async () => {
    const server = await serveAsOf('2023-12-15');
    const { client, exchanges } = recordingV1(server);
    const flow = await seedFlow(client.beta);
    assert.equal(flow.run.status, 'completed');
    assert.equal(flow.messages.length, 3, 'the user message and the two assistant messages');
    assert.ok(textOf(flow.messages[2]).length > 0);
    assert.ok(!('usage' in flow.run), 'no run usage before 2024-01-18');
    assert.ok(!('status' in flow.messages[0]), 'no message status before 2024-03-27');
    assert.ok(exchanges.length >= 7 && exchanges.every((e) => e.status === 200));
    const checked = await checkAgainst(exchanges, 'v1-2023-12', '2023-12-15T12:00:00Z');
    assert.equal(checked.code, 0, `check --api-version v1-2023-12:\n${checked.stdout}${checked.stderr}`);
  });

  test('the v2 SDK is refused with invalid_beta: v2 does not exist yet', async () => {
    const server = await serveAsOf('2023-12-15');
    await rejectsWith(clientFor(server).beta.assistants.create({ model: 'gpt-4' }), OpenAIv2.BadRequestError, (error) => {
      assert.equal(error.code, 'invalid_beta');
      assert.match(error.message, /OpenAI-Beta: assistants=v1/);
    });
  });

  test('vector stores and the Responses API are unknown routes', async () => {
    const server = await serveAsOf('2023-12-15');
    const v2 = clientFor(server);
    await rejectsWith(v2.vectorStores.create({ name: 'x' }), OpenAIv2.NotFoundError, (error) => {
      assert.equal(error.message, '404 Invalid URL (POST /v1/vector_stores)');
    });
    await rejectsWith(v2.responses.create({ model: 'gpt-4o', input: 'hi' }), OpenAIv2.NotFoundError, (error) => {
      assert.equal(error.message, '404 Invalid URL (POST /v1/responses)');
    });
  });
});

describe('2024-06-01: the final v1 API beside v2', () => {
  test('the v1 SDK runs the seed flow and every answer is valid against the final v1 spec', async () => {
    const server = await serveAsOf('2024-06-01');
    const { client, exchanges } = recordingV1(server);
    const flow = await seedFlow(client.beta);
    assert.equal(flow.run.status, 'completed');
    assert.ok(exchanges.every((e) => e.status === 200));
    const checked = await checkAgainst(exchanges, 'v1-final', '2024-06-01T12:00:00Z');
    assert.equal(checked.code, 0, `check --api-version v1-final:\n${checked.stdout}${checked.stderr}`);
  });
});

describe('2025-01-01: after the v1 shutdown', () => {
  test('the v1 SDK gets the service\'s 400 naming the migration; the v2 SDK works', async () => {
    const server = await serveAsOf('2025-01-01');
    const v1 = new OpenAIv1({ baseURL: server.baseURL, apiKey: 'sk-test', maxRetries: 0 });
    await rejectsWith(v1.beta.assistants.create({ model: 'gpt-4' }), OpenAIv1.BadRequestError, (error) => {
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_beta');
      assert.equal(error.error.message, V1_SHUTDOWN_MESSAGE);
    });
    const flow = await seedFlow(clientFor(server).beta, { sdk: 'v2' });
    assert.equal(flow.run.status, 'completed');
    assert.equal(flow.messages.length, 3);
  });
});

describe('2026-09-01: after the Assistants sunset', () => {
  test('beta.assistants.create raises NotFoundError; files and vector stores still work', async () => {
    const server = await serveAsOf('2026-09-01');
    const v2 = clientFor(server);
    await rejectsWith(v2.beta.assistants.create({ model: 'gpt-4o' }), OpenAIv2.NotFoundError, (error) => {
      assert.equal(error.status, 404);
      assert.equal(error.message, '404 Invalid URL (POST /v1/assistants)');
      assert.deepEqual(error.error, {
        message: 'Invalid URL (POST /v1/assistants)', type: 'invalid_request_error', param: null, code: null,
      });
    });
    await rejectsWith(v2.beta.threads.runs.list('thread_abc'), OpenAIv2.NotFoundError, (error) => {
      assert.equal(error.error.message, 'Invalid URL (GET /v1/threads/thread_abc/runs)');
    });
    const file = await v2.files.create({ file: await toFile(Buffer.from('notes\n'), 'notes.txt'), purpose: 'assistants' });
    const store = await v2.vectorStores.create({ name: 'kept', file_ids: [file.id] });
    assert.equal((await v2.vectorStores.retrieve(store.id)).name, 'kept');
  });

  test('the migrated flow on Responses + Conversations works, scripted by the same scenario', async () => {
    const server = await serveAsOf('2026-09-01');
    const v2 = clientFor(server);
    const conversation = await v2.conversations.create();
    const response = await v2.responses.create({
      model: 'gpt-4',
      conversation: conversation.id,
      instructions: `${INSTRUCTIONS}\n${RUN_INSTRUCTIONS}`,
      tools: [{ type: 'code_interpreter', container: { type: 'auto' } }],
      input: [{ role: 'user', content: QUESTION }],
    });
    assert.equal(response.status, 'completed');
    assert.deepEqual(response.output.map((item) => item.type), ['message', 'code_interpreter_call', 'message']);
    assert.match(response.output_text, /x = 1/);
    const items = await v2.conversations.items.list(conversation.id, { order: 'asc' });
    assert.deepEqual(items.data.map((item) => item.type), ['message', 'message', 'code_interpreter_call', 'message']);
  });

  test('one server, the date moved through the admin API: the same client before and after', async () => {
    const server = await serveAsOf('2026-08-25');
    const v2 = clientFor(server);
    const assistant = await v2.beta.assistants.create({ model: 'gpt-4o', name: 'before' });
    const moved = await adminOk(server, 'PUT', '/__admin/as_of', { as_of: '2026-08-26' });
    assert.equal(moved.as_of, '2026-08-26');
    assert.equal(moved.serves.assistants, false);
    await rejectsWith(v2.beta.assistants.retrieve(assistant.id), OpenAIv2.NotFoundError, (error) => {
      assert.equal(error.error.message, `Invalid URL (GET /v1/assistants/${assistant.id})`);
    });
    await adminOk(server, 'PUT', '/__admin/as_of', { as_of: '2026-08-25' });
    assert.equal((await v2.beta.assistants.retrieve(assistant.id)).name, 'before');
  });
});
