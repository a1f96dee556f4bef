// Record and replay with the official SDK (issue 5, "what it must show"): the SDK runs the
// seed article's flow through `assistants-mock record` with the mock as the upstream and a
// known fake key; the mock and the recorder stop; the same flow against `assistants-mock
// replay` returns identical results; the fake key appears in no cassette file and no log.
// Also: a streamed run replays event for event, and a miss is a 400 the SDK does not retry.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { mockBinary, startServer } from './support/server.mjs';
import { collect } from './support/sdk.mjs';

const FAKE_KEY = 'sk-e2e-SECRET-123';
const SCENARIO = new URL('../../scenarios/seed_article.json', import.meta.url).pathname;
const INSTRUCTIONS = 'You are a personal math tutor. Write and run code to answer math questions.';
const QUESTION = 'I need to solve the equation `3x + 11 = 14`. Can you help me?';
const RUN_INSTRUCTIONS = 'Please address the user as Jane Doe. The user has a premium account.';
const LISTENING_RE = /^listening on (http:\/\/\S+)\s*$/m;

/** Starts `assistants-mock <args>` and resolves once it prints `listening on URL`. */
async function startProcess(args) {
  const child = spawn(mockBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" within 10 s: ${stderr}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = LISTENING_RE.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`assistants-mock ${args[0]} exited (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
  child.stdout.resume();
  return {
    baseURL: `${url}/v1`,
    stderr: () => stderr,
    stdout: () => stdout,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function clientAt(server, options = {}) {
  return new OpenAI({ baseURL: server.baseURL, apiKey: FAKE_KEY, maxRetries: 0, timeout: 15_000, ...options });
}

/** The seed article's flow; everything the SDK returned, for comparing two runs. */
async function seedFlow(client) {
  const assistant = await client.beta.assistants.create({
    name: 'Math Tutor',
    instructions: INSTRUCTIONS,
    tools: [{ type: 'code_interpreter' }],
    model: 'gpt-4',
  });
  const thread = await client.beta.threads.create();
  const message = await client.beta.threads.messages.create(thread.id, { role: 'user', content: QUESTION });
  const run = await client.beta.threads.runs.createAndPoll(thread.id, {
    assistant_id: assistant.id,
    instructions: RUN_INSTRUCTIONS,
  });
  const retrieved = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
  const messages = await collect(client.beta.threads.messages.list(thread.id, { order: 'asc' }));
  const steps = await collect(client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' }));
  return { assistant, thread, message, run, retrieved, messages, steps };
}

/** A streamed thread-and-run through the SDK's AssistantStream: every event, in order. */
async function streamedRun(client, assistantId) {
  const stream = client.beta.threads.createAndRunStream({
    assistant_id: assistantId,
    thread: { messages: [{ role: 'user', content: QUESTION }] },
  });
  const events = [];
  for await (const event of stream) events.push({ event: event.event, data: event.data });
  return events;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

describe('record with the SDK, replay without the upstream', () => {
  let dir;
  let recorded;
  let recordedStream;
  let recorderLog = '';
  let replay;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'record-replay-e2e-'));
    const mock = await startServer({ extraArgs: ['--scenario', SCENARIO] });
    try {
      const recorder = await startProcess([
        'record', '--upstream', mock.url, '--cassette', join(dir, 'seed.json'), '--port', '0', '--log-requests',
      ]);
      recorded = await seedFlow(clientAt(recorder));
      const { code } = await recorder.stop();
      assert.equal(code, 0, `record stops cleanly on SIGTERM: ${recorder.stderr()}`);
      recorderLog += recorder.stderr() + recorder.stdout();

      const streamRecorder = await startProcess([
        'record', '--upstream', mock.url, '--cassette', join(dir, 'stream.json'), '--port', '0', '--log-requests',
      ]);
      recordedStream = await streamedRun(clientAt(streamRecorder), recorded.assistant.id);
      await streamRecorder.stop();
      recorderLog += streamRecorder.stderr() + streamRecorder.stdout();
    } finally {
      await mock.stop(); // from here on there is no upstream
    }
    replay = await startProcess(['replay', '--cassette', dir, '--port', '0', '--log-requests']);
  });

  after(async () => {
    await replay?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the recorded flow completed as the seed article says', () => {
    assert.equal(recorded.run.status, 'completed');
    assert.ok(recorded.messages.length >= 2);
    assert.equal(recorded.messages[0].content[0].text.value, QUESTION);
    assert.ok(recorded.steps.some((step) => step.step_details.type === 'tool_calls'));
  });

  test('the same SDK flow against replay returns identical results', async () => {
    const client = clientAt(replay, { defaultHeaders: { 'X-Cassette': 'seed' } });
    const replayed = await seedFlow(client);
    assert.deepEqual(replayed, recorded);
    assert.equal(replayed.run.status, 'completed');
    assert.match(replayed.assistant.id, /^asst_/);
  });

  test('a streamed run replays event for event', async () => {
    assert.ok(recordedStream.length > 5, `events recorded: ${recordedStream.length}`);
    const client = clientAt(replay, { defaultHeaders: { 'X-Cassette': 'stream' } });
    const replayed = await streamedRun(client, recorded.assistant.id);
    assert.deepEqual(replayed, recordedStream);
    assert.equal(replayed.at(-1).event, 'thread.run.completed');
  });

  test('a request the cassette does not hold is a 400 the SDK does not retry', async () => {
    const client = clientAt(replay, { maxRetries: 2, defaultHeaders: { 'X-Cassette': 'seed' } });
    const before = (replay.stderr().match(/no match, refused/g) ?? []).length;
    await assert.rejects(client.beta.assistants.create({ model: 'gpt-4', name: 'Not Recorded' }), (error) => {
      assert.equal(error.status, 400);
      assert.equal(error.code, 'cassette_miss');
      assert.match(error.message, /Closest recorded: #0 POST \/v1\/assistants; json_body: at \/name/);
      return true;
    });
    const after = (replay.stderr().match(/no match, refused/g) ?? []).length;
    assert.equal(after - before, 1, 'x-should-retry: false kept the SDK from retrying');
  });

  test('the fake key is in no cassette file and no log', () => {
    const files = filesUnder(dir);
    assert.ok(files.some((file) => file.endsWith('seed.json')), `cassettes written: ${files}`);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.equal(text.includes(FAKE_KEY), false, `${file} holds the key`);
      assert.equal(text.includes('SECRET'), false, `${file} holds part of the key`);
    }
    assert.equal(files.some((file) => file.endsWith('.journal')), false, 'a clean stop leaves no journal');
    assert.match(recorderLog, /POST \/v1\/assistants -> 200 recorded/);
    for (const [name, log] of [['recorder', recorderLog], ['replay', replay.stderr()]]) {
      assert.equal(log.includes(FAKE_KEY), false, `the ${name} log holds the key`);
      assert.equal(log.includes('SECRET'), false, `the ${name} log holds part of the key`);
    }
  });
});
