// The seed article's flow with the last v1 SDK line (openai 4.36.0, installed as "openai-v1",
// which sends `OpenAI-Beta: assistants=v1` and takes path params positionally), checked against
// the article's December-2023 JSON responses (fixtures/seed_article_v1.json, copied verbatim):
// same keys in the same order, same value shapes, same texts. Then the v1-only surface (assistant
// files, message files, the retrieval tool, v2 fields refused) and what one store looks like
// through both API versions.
//
// Keys the mock adds to the article's objects because the Dec-2023 spec requires them:
//   run:  required_action (null), right after completed_at (before last_error);
//   step: expired_at and metadata (null), after step_details (the article's expires_at stays).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import OpenAIv1 from 'openai-v1';
import OpenAIv2, { toFile } from 'openai';
import { clientFor, startServer } from './support/server.mjs';
import { adminOk, scenarioFile } from './support/admin.mjs';

const ARTICLE = JSON.parse(readFileSync(new URL('./fixtures/seed_article_v1.json', import.meta.url), 'utf8'));

const INSTRUCTIONS = ARTICLE.assistant.instructions;
const QUESTION = ARTICLE.message.content[0].text.value;
const RUN_INSTRUCTIONS = ARTICLE.run_queued.instructions;
const [ARTICLE_FINAL, ARTICLE_FIRST, ARTICLE_USER] = ARTICLE.messages_list_after_run.data;

// Key lists, all read from the article.
const ASSISTANT_KEYS = Object.keys(ARTICLE.assistant);
const THREAD_KEYS = Object.keys(ARTICLE.thread);
const MESSAGE_KEYS = Object.keys(ARTICLE.message);
const LIST_KEYS = Object.keys(ARTICLE.messages_list_before_run);
const ARTICLE_RUN_KEYS = Object.keys(ARTICLE.run_queued);
const ARTICLE_STEP_KEYS = Object.keys(ARTICLE.run_steps_list.data[0]);
// The article's run keys with required_action inserted after completed_at.
const RUN_KEYS = insertAfter(ARTICLE_RUN_KEYS, 'completed_at', 'required_action');
const STEP_KEYS = [...ARTICLE_STEP_KEYS, 'expired_at', 'metadata'];

// Keys a v1 object never has (they are v2 names).
const V2_ONLY_KEYS = ['tool_resources', 'attachments', 'status', 'incomplete_details', 'incomplete_at', 'completed_at'];

function insertAfter(keys, anchor, key) {
  const at = keys.indexOf(anchor);
  assert.ok(at >= 0, `the article has ${anchor}`);
  return [...keys.slice(0, at + 1), key, ...keys.slice(at + 1)];
}

// Every request the v1 SDK sends, with its OpenAI-Beta header and the raw response text.
const exchanges = [];
async function recordingFetch(url, init = {}) {
  const response = await fetch(url, init);
  exchanges.push({
    method: (init.method ?? 'GET').toUpperCase(),
    path: new URL(String(url)).pathname,
    beta: new Headers(init.headers).get('openai-beta'),
    status: response.status,
    text: await response.clone().text(),
  });
  return response;
}

/** The raw JSON body of the last request the v1 SDK sent (asserting it went to `method path`). */
function lastRaw(method, pathPattern) {
  const last = exchanges.at(-1);
  assert.ok(last, 'a request was recorded');
  assert.equal(last.method, method);
  assert.match(last.path, pathPattern);
  return JSON.parse(last.text);
}

/**
 * The SDK hands back the parsed body as is: same keys, same order, same values. Checked on every
 * response so that Object.keys() of the SDK's object really is the wire order.
 */
function assertSdkIsRaw(sdkObject, raw) {
  assert.equal(JSON.stringify(sdkObject), JSON.stringify(raw), 'the SDK object is the response JSON verbatim');
}

// A value's shape: JSON type per key (integers apart), ids as prefix + length, key order kept.
const ID_RE = /^(asst|thread|msg|run|step|call|file)[_-]([A-Za-z0-9]+)$/;
function shapeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') {
    const id = ID_RE.exec(value);
    return id ? `${id[1]} id of ${id[2].length}` : 'string';
  }
  return typeof value;
}

function pick(object, keys) {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

/** Same keys in the same order as `keys`, and the article's value shapes for the article's keys. */
function assertArticleShape(ours, article, keys, what) {
  assert.deepEqual(Object.keys(ours), keys, `${what}: keys and key order`);
  const articleKeys = Object.keys(article);
  assert.deepEqual(shapeOf(pick(ours, articleKeys)), shapeOf(article), `${what}: value shapes as in the article`);
}

function textOf(message) {
  return message.content.map((part) => part.text.value).join('');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let server;
let v1; // openai 4.36.0: OpenAI-Beta: assistants=v1
let v2; // openai 6.49.0: OpenAI-Beta: assistants=v2

before(async () => {
  server = await startServer({ extraArgs: ['--scenario', scenarioFile('seed_article.json')] });
  v1 = new OpenAIv1({
    baseURL: server.baseURL,
    apiKey: 'sk-test',
    maxRetries: 0,
    timeout: 15_000,
    fetch: recordingFetch,
  });
  v2 = clientFor(server);
});

after(async () => {
  await server?.stop();
});

async function uploadFile(name) {
  return v2.files.create({ file: await toFile(Buffer.from(`contents of ${name}\n`), name), purpose: 'assistants' });
}

describe('seed article flow through the v1 SDK (openai 4.36.0)', () => {
  let assistant;
  let thread;
  let userMessage;
  let run;
  let completed;
  let messages;

  test('the SDK in use is 4.36.0 and the v2 one 6.49.0', async () => {
    const v1Pkg = JSON.parse(readFileSync(new URL('./node_modules/openai-v1/package.json', import.meta.url), 'utf8'));
    const v2Pkg = JSON.parse(readFileSync(new URL('./node_modules/openai/package.json', import.meta.url), 'utf8'));
    assert.equal(v1Pkg.version, '4.36.0');
    assert.equal(v2Pkg.version, '6.49.0');
    assert.equal(typeof v1.beta.assistants.files?.create, 'function', 'the v1 SDK has assistant files');
  });

  test('1. assistants.create: Math Tutor, the article assistant field for field', async () => {
    assistant = await v1.beta.assistants.create({
      instructions: INSTRUCTIONS,
      name: 'Math Tutor',
      tools: [{ type: 'code_interpreter' }],
      model: 'gpt-4',
    });
    assertSdkIsRaw(assistant, lastRaw('POST', /^\/v1\/assistants$/));
    assertArticleShape(assistant, ARTICLE.assistant, ASSISTANT_KEYS, 'assistant');
    const { id, created_at, ...rest } = ARTICLE.assistant;
    assert.deepEqual(pick(assistant, Object.keys(rest)), rest, 'every value but id and created_at as in the article');
  });

  test('2. threads.create: the article thread', async () => {
    thread = await v1.beta.threads.create();
    assertSdkIsRaw(thread, lastRaw('POST', /^\/v1\/threads$/));
    assertArticleShape(thread, ARTICLE.thread, THREAD_KEYS, 'thread');
    assert.deepEqual(thread.metadata, {});
    assert.ok(thread.created_at >= assistant.created_at);
  });

  test('3. messages.create: the article user message', async () => {
    userMessage = await v1.beta.threads.messages.create(thread.id, { role: 'user', content: QUESTION });
    assertSdkIsRaw(userMessage, lastRaw('POST', /^\/v1\/threads\/thread_\w+\/messages$/));
    assertArticleShape(userMessage, ARTICLE.message, MESSAGE_KEYS, 'message');
    const { id, created_at, thread_id, ...rest } = ARTICLE.message;
    assert.deepEqual(pick(userMessage, Object.keys(rest)), rest);
    assert.equal(userMessage.thread_id, thread.id);
  });

  test('4. messages.list before the run: the article list envelope with one message', async () => {
    const page = await v1.beta.threads.messages.list(thread.id);
    const raw = lastRaw('GET', /^\/v1\/threads\/thread_\w+\/messages$/);
    assert.deepEqual(Object.keys(raw), LIST_KEYS, 'list envelope keys and order');
    assert.deepEqual(shapeOf(raw), shapeOf(ARTICLE.messages_list_before_run));
    assertSdkIsRaw(page.data, raw.data);
    assert.deepEqual(raw.data, [userMessage]);
    assert.equal(raw.first_id, userMessage.id);
    assert.equal(raw.last_id, userMessage.id);
    assert.equal(raw.has_more, false);
  });

  test('5. runs.create with the Jane Doe instructions: the article queued run + required_action', async () => {
    run = await v1.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, instructions: RUN_INSTRUCTIONS });
    assertSdkIsRaw(run, lastRaw('POST', /^\/v1\/threads\/thread_\w+\/runs$/));
    assertArticleShape(run, ARTICLE.run_queued, RUN_KEYS, 'queued run');
    assert.equal(run.required_action, null);
    assert.equal(run.status, 'queued');
    assert.equal(run.thread_id, thread.id);
    assert.equal(run.assistant_id, assistant.id);
    assert.equal(run.started_at, null);
    assert.equal(run.expires_at, run.created_at + 600, 'expires_at = created_at + 600 (10 minutes), as in the article');
    assert.equal(ARTICLE.run_queued.expires_at - ARTICLE.run_queued.created_at, 600);
    const { id, created_at, assistant_id, thread_id, expires_at, ...rest } = ARTICLE.run_queued;
    assert.deepEqual(pick(run, Object.keys(rest)), rest, 'status, nulls, model, instructions, tools, file_ids, metadata');
  });

  test('6. runs.retrieve(threadId, runId) until completed: the article completed run + required_action', async () => {
    const seen = [];
    for (let i = 0; i < 400; i += 1) {
      completed = await v1.beta.threads.runs.retrieve(thread.id, run.id);
      seen.push(completed.status);
      if (!['queued', 'in_progress'].includes(completed.status)) break;
      await sleep(5);
    }
    assert.equal(completed.status, 'completed', `statuses seen: ${seen.join(' ')}`);
    assertSdkIsRaw(completed, lastRaw('GET', new RegExp(`^/v1/threads/${thread.id}/runs/${run.id}$`)));
    assertArticleShape(completed, ARTICLE.run_completed, RUN_KEYS, 'completed run');
    assert.equal(completed.id, run.id);
    assert.equal(completed.created_at, run.created_at);
    assert.equal(completed.expires_at, null);
    assert.equal(completed.required_action, null);
    assert.ok(completed.started_at >= completed.created_at);
    assert.ok(completed.completed_at >= completed.started_at);
    const { id, created_at, assistant_id, thread_id, started_at, completed_at, ...rest } = ARTICLE.run_completed;
    assert.deepEqual(pick(completed, Object.keys(rest)), rest);
  });

  test('7. messages.list (default order, desc): the article three messages', async () => {
    const page = await v1.beta.threads.messages.list(thread.id);
    const raw = lastRaw('GET', /^\/v1\/threads\/thread_\w+\/messages$/);
    assertSdkIsRaw(page.data, raw.data);
    assert.deepEqual(Object.keys(raw), LIST_KEYS);
    assert.deepEqual(shapeOf(raw), shapeOf(ARTICLE.messages_list_after_run), 'list and message shapes as in the article');
    messages = raw.data;
    assert.equal(messages.length, 3);
    for (const message of messages) assert.deepEqual(Object.keys(message), MESSAGE_KEYS);

    const [final, first, user] = messages;
    assert.equal(textOf(final), 'The solution to the equation `3x + 11 = 14` is `x = 1`, Jane Doe.');
    assert.ok(textOf(first).startsWith('Of course, Jane Doe!'));
    for (const [ours, article] of [[final, ARTICLE_FINAL], [first, ARTICLE_FIRST], [user, ARTICLE_USER]]) {
      assert.deepEqual(ours.content, article.content, 'content exactly as in the article');
      assert.equal(ours.role, article.role);
      assert.deepEqual(ours.file_ids, []);
      assert.deepEqual(ours.metadata, {});
      assert.equal(ours.thread_id, thread.id);
    }
    assert.deepEqual(user, userMessage);
    for (const answer of [final, first]) {
      assert.equal(answer.assistant_id, assistant.id);
      assert.equal(answer.run_id, run.id);
    }
    assert.ok(final.created_at >= first.created_at && first.created_at >= user.created_at, 'newest first');
    assert.equal(raw.first_id, final.id);
    assert.equal(raw.last_id, user.id);
    assert.equal(raw.has_more, false);
  });

  test('8. runs.steps.list(threadId, runId): the article three steps', async () => {
    const page = await v1.beta.threads.runs.steps.list(thread.id, run.id);
    const raw = lastRaw('GET', new RegExp(`^/v1/threads/${thread.id}/runs/${run.id}/steps$`));
    assertSdkIsRaw(page.data, raw.data);
    assert.deepEqual(Object.keys(raw), LIST_KEYS);
    const steps = raw.data;
    assert.equal(steps.length, 3);
    assert.deepEqual(steps.map((s) => s.type), ARTICLE.run_steps_list.data.map((s) => s.type));
    assert.deepEqual(steps.map((s) => s.type), ['message_creation', 'tool_calls', 'message_creation']);

    steps.forEach((step, i) => {
      const article = ARTICLE.run_steps_list.data[i];
      assertArticleShape(step, article, STEP_KEYS, `step ${i}`);
      assert.equal(step.expired_at, null);
      assert.equal(step.metadata, null);
      assert.equal(step.run_id, run.id);
      assert.equal(step.assistant_id, assistant.id);
      assert.equal(step.thread_id, thread.id);
      const { id, created_at, run_id, assistant_id, thread_id, completed_at, step_details, ...rest } = article;
      assert.deepEqual(pick(step, Object.keys(rest)), rest, 'type, status and the null timestamps/errors');
      assert.ok(step.completed_at >= step.created_at);
    });

    const [last, tools, firstStep] = steps;
    assert.deepEqual(last.step_details, { type: 'message_creation', message_creation: { message_id: messages[0].id } });
    assert.deepEqual(firstStep.step_details, { type: 'message_creation', message_creation: { message_id: messages[1].id } });
    const articleCall = ARTICLE.run_steps_list.data[1].step_details.tool_calls[0];
    assert.equal(tools.step_details.type, 'tool_calls');
    assert.equal(tools.step_details.tool_calls.length, 1);
    const call = tools.step_details.tool_calls[0];
    assert.deepEqual(Object.keys(call), Object.keys(articleCall));
    assert.match(call.id, /^call_[A-Za-z0-9]{24}$/);
    assert.deepEqual(call.code_interpreter, articleCall.code_interpreter, 'the sympy input and logs "[1]"');
    assert.deepEqual(call.code_interpreter.outputs, [{ type: 'logs', logs: '[1]' }]);
    assert.ok(call.code_interpreter.input.includes('solve(equation, x)'));
    assert.equal(raw.first_id, last.id);
    assert.equal(raw.last_id, firstStep.id);
    assert.equal(raw.has_more, false);
  });

  test('every request of the v1 SDK carried OpenAI-Beta: assistants=v1', () => {
    const api = exchanges.filter((e) => /^\/v1\/(assistants|threads)/.test(e.path));
    assert.ok(api.length >= 8, `recorded ${api.length} requests`);
    for (const e of api) assert.equal(e.beta, 'assistants=v1', `${e.method} ${e.path}`);
  });
});

describe('v1 specifics', () => {
  let assistant;

  before(async () => {
    assistant = await v1.beta.assistants.create({
      name: 'Files',
      model: 'gpt-4',
      tools: [{ type: 'code_interpreter' }],
    });
  });

  test('the header decides: assistant files answer under v1 and are an Invalid URL under v2', async () => {
    const page = await v1.beta.assistants.files.list(assistant.id);
    assert.equal(exchanges.at(-1).beta, 'assistants=v1');
    assert.equal(exchanges.at(-1).status, 200);
    assert.deepEqual(page.data, []);
    await assert.rejects(
      v2.get(`/assistants/${assistant.id}/files`, { headers: { 'OpenAI-Beta': 'assistants=v2' } }),
      (e) =>
        e instanceof OpenAIv2.NotFoundError &&
        e.error?.message === `Invalid URL (GET /v1/assistants/${assistant.id}/files)`,
    );
  });

  test('assistants.files create / retrieve / list / del (file ids accepted by prefix, existence not checked)', async () => {
    const created = await v1.beta.assistants.files.create(assistant.id, { file_id: 'file-abc123' });
    assertSdkIsRaw(created, lastRaw('POST', new RegExp(`^/v1/assistants/${assistant.id}/files$`)));
    assert.deepEqual(Object.keys(created), ['id', 'object', 'created_at', 'assistant_id']);
    assert.equal(created.id, 'file-abc123');
    assert.equal(created.object, 'assistant.file');
    assert.equal(created.assistant_id, assistant.id);
    assert.ok(Number.isInteger(created.created_at) && created.created_at >= assistant.created_at);

    assert.deepEqual(await v1.beta.assistants.files.retrieve(assistant.id, 'file-abc123'), created);

    const page = await v1.beta.assistants.files.list(assistant.id);
    const raw = lastRaw('GET', new RegExp(`^/v1/assistants/${assistant.id}/files$`));
    assert.deepEqual(raw, { object: 'list', data: [created], first_id: 'file-abc123', last_id: 'file-abc123', has_more: false });
    assert.deepEqual(page.data, [created]);

    const withFile = await v1.beta.assistants.retrieve(assistant.id);
    assert.deepEqual(Object.keys(withFile), ASSISTANT_KEYS);
    assert.deepEqual(withFile.file_ids, ['file-abc123']);
    // The v2 view of the same assistant: the file is a code interpreter resource.
    const v2View = await v2.beta.assistants.retrieve(assistant.id);
    assert.deepEqual(v2View.tool_resources, { code_interpreter: { file_ids: ['file-abc123'] } });

    await assert.rejects(
      v1.beta.assistants.files.create(assistant.id, { file_id: 'abc123' }),
      (e) => e instanceof OpenAIv1.BadRequestError && e.param === 'file_id',
    );

    const deleted = await v1.beta.assistants.files.del(assistant.id, 'file-abc123');
    assertSdkIsRaw(deleted, lastRaw('DELETE', new RegExp(`^/v1/assistants/${assistant.id}/files/file-abc123$`)));
    assert.deepEqual(deleted, { id: 'file-abc123', object: 'assistant.file.deleted', deleted: true });
    assert.deepEqual((await v1.beta.assistants.files.list(assistant.id)).data, []);
    assert.deepEqual((await v1.beta.assistants.retrieve(assistant.id)).file_ids, []);
    await assert.rejects(
      v1.beta.assistants.files.retrieve(assistant.id, 'file-abc123'),
      (e) => e instanceof OpenAIv1.NotFoundError,
    );
  });

  test('messages.files list / retrieve on a message created with file_ids', async () => {
    const [a, b] = [await uploadFile('a.txt'), await uploadFile('b.txt')];
    const thread = await v1.beta.threads.create();
    const message = await v1.beta.threads.messages.create(thread.id, {
      role: 'user',
      content: 'Please read these files.',
      file_ids: [a.id, b.id],
    });
    assert.deepEqual(Object.keys(message), MESSAGE_KEYS);
    assert.deepEqual(message.file_ids, [a.id, b.id]);

    const page = await v1.beta.threads.messages.files.list(thread.id, message.id, { order: 'asc' });
    const raw = lastRaw('GET', new RegExp(`^/v1/threads/${thread.id}/messages/${message.id}/files$`));
    assert.deepEqual(Object.keys(raw), LIST_KEYS);
    assert.deepEqual(page.data, raw.data);
    assert.deepEqual(
      raw.data.map((f) => f.id).sort(),
      [a.id, b.id].sort(),
    );
    for (const file of raw.data) {
      assert.deepEqual(Object.keys(file), ['id', 'object', 'created_at', 'message_id']);
      assert.equal(file.object, 'thread.message.file');
      assert.equal(file.message_id, message.id);
      assert.equal(file.created_at, message.created_at);
    }
    const one = await v1.beta.threads.messages.files.retrieve(thread.id, message.id, b.id);
    assert.deepEqual(one, { id: b.id, object: 'thread.message.file', created_at: message.created_at, message_id: message.id });
    await assert.rejects(
      v1.beta.threads.messages.files.retrieve(thread.id, message.id, 'file-notattached'),
      (e) => e instanceof OpenAIv1.NotFoundError,
    );

    // The v2 view: the v1 file_ids are attachments.
    const v2Message = await v2.beta.threads.messages.retrieve(message.id, { thread_id: thread.id });
    assert.deepEqual(v2Message.attachments.map((x) => x.file_id), [a.id, b.id]);
    for (const attachment of v2Message.attachments) {
      assert.ok(attachment.tools.length > 0);
      for (const tool of attachment.tools) assert.ok(['code_interpreter', 'file_search'].includes(tool.type));
    }
  });

  test('there is no message delete in v1: 404 Invalid URL', async () => {
    const thread = await v1.beta.threads.create();
    const message = await v1.beta.threads.messages.create(thread.id, { role: 'user', content: 'keep me' });
    assert.equal(typeof v1.beta.threads.messages.del, 'undefined', 'the 4.36.0 SDK has no messages.del');
    const path = `/threads/${thread.id}/messages/${message.id}`;
    await assert.rejects(
      v1.delete(path, { headers: { 'OpenAI-Beta': 'assistants=v1' } }),
      (e) =>
        e instanceof OpenAIv1.NotFoundError &&
        e.error?.message === `Invalid URL (DELETE /v1${path})` &&
        e.error?.type === 'invalid_request_error',
    );
    assert.equal(exchanges.at(-1).beta, 'assistants=v1');
    assert.equal((await v1.beta.threads.messages.retrieve(thread.id, message.id)).id, message.id, 'still there');
  });

  test('the retrieval tool: assistants.create({model, tools: [retrieval]})', async () => {
    const created = await v1.beta.assistants.create({ model: 'gpt-4', tools: [{ type: 'retrieval' }] });
    assert.deepEqual(Object.keys(created), ASSISTANT_KEYS);
    assert.deepEqual(created.tools, [{ type: 'retrieval' }]);
    assert.deepEqual((await v1.beta.assistants.retrieve(created.id)).tools, [{ type: 'retrieval' }]);
    // The same tool seen by a v2 client is file_search.
    assert.deepEqual((await v2.beta.assistants.retrieve(created.id)).tools.map((t) => t.type), ['file_search']);
  });

  test('a v2 field under v1: tool_resources -> 400 unknown_parameter', async () => {
    await assert.rejects(
      v1.beta.assistants.create({ model: 'gpt-4', tool_resources: { code_interpreter: { file_ids: [] } } }),
      (e) => {
        assert.ok(e instanceof OpenAIv1.BadRequestError, String(e));
        assert.equal(e.status, 400);
        assert.equal(e.code, 'unknown_parameter');
        assert.equal(e.param, 'tool_resources');
        assert.equal(e.type, 'invalid_request_error');
        assert.equal(e.error.message, "Unknown parameter: 'tool_resources'.");
        return true;
      },
    );
    await assert.rejects(
      v1.beta.threads.messages.create(
        (await v1.beta.threads.create()).id,
        { role: 'user', content: 'x', attachments: [] },
      ),
      (e) => e instanceof OpenAIv1.BadRequestError && e.code === 'unknown_parameter' && e.param === 'attachments',
    );
  });
});

describe('one store, two versions', () => {
  test('an assistant created by v1 with file_ids + code_interpreter: v2 sees tool_resources.code_interpreter.file_ids', async () => {
    const file = await uploadFile('data.csv');
    const created = await v1.beta.assistants.create({
      model: 'gpt-4',
      name: 'Cross',
      tools: [{ type: 'code_interpreter' }],
      file_ids: [file.id],
    });
    assert.deepEqual(Object.keys(created), ASSISTANT_KEYS);
    assert.deepEqual(created.file_ids, [file.id]);

    const seen = await v2.beta.assistants.retrieve(created.id);
    assert.deepEqual(seen.tool_resources?.code_interpreter?.file_ids, [file.id]);
    assert.equal('file_ids' in seen, false, 'a v2 assistant has no file_ids');
    assert.deepEqual(seen.tools, [{ type: 'code_interpreter' }]);
  });

  test('v2 replaces the code_interpreter files of a v1 assistant: v1 sees the new list', async () => {
    const [f1, f2] = [await uploadFile('one.csv'), await uploadFile('two.csv')];
    const created = await v1.beta.assistants.create({ model: 'gpt-4', tools: [{ type: 'code_interpreter' }], file_ids: [f1.id] });
    const updated = await v2.beta.assistants.update(created.id, {
      tool_resources: { code_interpreter: { file_ids: [f1.id, f2.id] } },
    });
    assert.deepEqual(updated.tool_resources.code_interpreter.file_ids, [f1.id, f2.id]);
    const back = await v1.beta.assistants.retrieve(created.id);
    assert.deepEqual(Object.keys(back), ASSISTANT_KEYS);
    assert.deepEqual(back.file_ids, [f1.id, f2.id], 'v1 file_ids after the v2 update');
    assert.deepEqual(
      (await v1.beta.assistants.files.list(created.id)).data.map((f) => f.id).sort(),
      [f1.id, f2.id].sort(),
      'v1 assistant files after the v2 update',
    );
  });

  test('v1 attaches a file to a v2 assistant with code_interpreter files: both views list both files', async () => {
    const [f1, f2] = [await uploadFile('v2.csv'), await uploadFile('v1.csv')];
    const created = await v2.beta.assistants.create({
      model: 'gpt-4',
      tools: [{ type: 'code_interpreter' }],
      tool_resources: { code_interpreter: { file_ids: [f1.id] } },
    });
    assert.deepEqual((await v1.beta.assistants.retrieve(created.id)).file_ids, [f1.id], 'v1 sees the v2 files');
    await v1.beta.assistants.files.create(created.id, { file_id: f2.id });
    assert.deepEqual((await v1.beta.assistants.retrieve(created.id)).file_ids, [f1.id, f2.id], 'v1 file_ids after attaching');
    assert.deepEqual(
      (await v2.beta.assistants.retrieve(created.id)).tool_resources?.code_interpreter?.file_ids,
      [f1.id, f2.id],
      'v2 code_interpreter files after the v1 attach',
    );
  });

  test('a v2 thread and message read by v1 have no tool_resources / attachments / status keys', async () => {
    const file = await uploadFile('notes.txt');
    const thread = await v2.beta.threads.create({
      tool_resources: { code_interpreter: { file_ids: [file.id] } },
      metadata: { origin: 'v2' },
      messages: [
        {
          role: 'user',
          content: 'From v2 with an attachment.',
          attachments: [{ file_id: file.id, tools: [{ type: 'code_interpreter' }] }],
        },
      ],
    });
    assert.ok('tool_resources' in thread);

    const v1Thread = await v1.beta.threads.retrieve(thread.id);
    assertSdkIsRaw(v1Thread, lastRaw('GET', new RegExp(`^/v1/threads/${thread.id}$`)));
    assert.deepEqual(Object.keys(v1Thread), THREAD_KEYS);
    assert.deepEqual(v1Thread, { id: thread.id, object: 'thread', created_at: thread.created_at, metadata: { origin: 'v2' } });

    const v2Plain = await v2.beta.threads.messages.create(thread.id, { role: 'user', content: 'Plain v2 message.' });
    assert.ok('status' in v2Plain && 'attachments' in v2Plain);

    await v1.beta.threads.messages.list(thread.id, { order: 'asc' });
    const raw = lastRaw('GET', new RegExp(`^/v1/threads/${thread.id}/messages$`));
    assert.equal(raw.data.length, 2);
    for (const message of raw.data) {
      assert.deepEqual(Object.keys(message), MESSAGE_KEYS);
      for (const key of V2_ONLY_KEYS) assert.equal(key in message, false, `no ${key} on a v1 message`);
    }
    const [withFile, plain] = raw.data;
    assert.deepEqual(withFile.file_ids, [file.id], 'v2 attachments are v1 file_ids');
    assert.equal(textOf(withFile), 'From v2 with an attachment.');
    assert.equal(plain.id, v2Plain.id);
    assert.deepEqual(plain.file_ids, []);

    const files = await v1.beta.threads.messages.files.list(thread.id, withFile.id);
    assert.deepEqual(files.data.map((f) => f.id), [file.id]);
  });

  test('a v2 run that ends incomplete is a completed run for v1 (v1 has no incomplete)', async () => {
    const seed = await adminOk(server, 'GET', '/__admin/scenario');
    await adminOk(server, 'PUT', '/__admin/scenario', {
      ...seed,
      rules: [
        ...seed.rules,
        { name: 'cut short', when: { message_contains: 'cut me short' }, then: [{ message: 'Partial' }, { incomplete: {} }] },
      ],
    });
    const assistant = await v2.beta.assistants.create({ model: 'gpt-4' });
    const thread = await v2.beta.threads.create({ messages: [{ role: 'user', content: 'Please cut me short.' }] });
    const v2Run = await v2.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    assert.equal(v2Run.status, 'incomplete', JSON.stringify(v2Run));

    const seen = await v1.beta.threads.runs.retrieve(thread.id, v2Run.id);
    assertSdkIsRaw(seen, lastRaw('GET', new RegExp(`^/v1/threads/${thread.id}/runs/${v2Run.id}$`)));
    assert.deepEqual(Object.keys(seen), RUN_KEYS);
    assert.equal(seen.status, 'completed');
    assert.deepEqual(seen.file_ids, []);
    // A completed v1 run carries its completion time (as the article's does).
    assert.equal(typeof seen.completed_at, 'number', `completed_at of a v1 completed run: ${JSON.stringify(seen)}`);

    const listed = await v1.beta.threads.runs.list(thread.id);
    assert.deepEqual(listed.data.map((r) => r.status), ['completed']);
  });
});
