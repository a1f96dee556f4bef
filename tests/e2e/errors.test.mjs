// Error responses as the SDK sees them: status -> error class, and the body's
// {message, type, param, code} (FACTS.md §7).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { clientFor, startServer } from './support/server.mjs';

let server; // fast runs, any key accepted
let slow; // runs stay queued for a minute
let locked; // only sk-right is accepted
let client;

before(async () => {
  [server, slow, locked] = await Promise.all([
    startServer(),
    startServer({ runStepMs: 60_000 }),
    startServer({ apiKey: 'sk-right' }),
  ]);
  client = clientFor(server);
});

after(async () => {
  await Promise.all([server?.stop(), slow?.stop(), locked?.stop()]);
});

/** assert.rejects with a class check and a readable failure message. */
async function rejectsWith(promise, ErrorClass, check) {
  await assert.rejects(promise, (error) => {
    assert.ok(
      error instanceof ErrorClass,
      `expected ${ErrorClass.name}, got ${error?.constructor?.name}: ${error?.message}`,
    );
    assert.ok(error instanceof OpenAI.APIError);
    check(error);
    return true;
  });
}

test('unknown body parameter -> 400 BadRequestError, param and code name it', async () => {
  await rejectsWith(
    client.beta.assistants.create({ model: 'gpt-4', bogus: 1 }),
    OpenAI.BadRequestError,
    (error) => {
      assert.equal(error.status, 400);
      assert.equal(error.type, 'invalid_request_error');
      assert.equal(error.param, 'bogus');
      assert.equal(error.code, 'unknown_parameter');
      assert.equal(error.error.message, "Unknown parameter: 'bogus'.");
    },
  );
  // Nothing was created by the refused request.
  const page = await client.beta.assistants.list();
  assert.equal(page.data.length, 0);
});

test('id with the wrong prefix -> 400 (not 404) naming the expected prefix', async () => {
  await rejectsWith(client.beta.threads.retrieve('undefined'), OpenAI.BadRequestError, (error) => {
    assert.equal(error.status, 400);
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(
      error.error.message,
      "Invalid 'thread_id': 'undefined'. Expected an ID that begins with 'thread'.",
    );
  });
});

test('missing thread -> 404 NotFoundError', async () => {
  const missing = 'thread_AAAAAAAAAAAAAAAAAAAAAAAA';
  await rejectsWith(client.beta.threads.retrieve(missing), OpenAI.NotFoundError, (error) => {
    assert.equal(error.status, 404);
    assert.equal(error.type, 'invalid_request_error');
    assert.ok(error.message.includes(missing), `the message names the id: ${error.message}`);
  });
  await rejectsWith(
    client.beta.threads.messages.list(missing),
    OpenAI.NotFoundError,
    (error) => assert.equal(error.status, 404),
  );
});

test('missing assistant -> 404 with the reported wording', async () => {
  const missing = 'asst_AAAAAAAAAAAAAAAAAAAAAAAA';
  await rejectsWith(client.beta.assistants.retrieve(missing), OpenAI.NotFoundError, (error) => {
    assert.equal(error.status, 404);
    assert.equal(error.error.message, `No assistant found with id '${missing}'.`);
    assert.equal(error.param, null);
    assert.equal(error.code, null);
  });
});

test('adding a message or a run while a run is active -> 400', async () => {
  const slowClient = clientFor(slow);
  const assistant = await slowClient.beta.assistants.create({ model: 'gpt-4o' });
  const thread = await slowClient.beta.threads.create({
    messages: [{ role: 'user', content: 'hello' }],
  });
  const run = await slowClient.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
  assert.equal(run.status, 'queued');

  await rejectsWith(
    slowClient.beta.threads.messages.create(thread.id, { role: 'user', content: 'one more thing' }),
    OpenAI.BadRequestError,
    (error) => {
      assert.equal(error.status, 400);
      assert.equal(error.type, 'invalid_request_error');
      assert.match(error.message, /while a run/);
      assert.equal(
        error.error.message,
        `Can't add messages to ${thread.id} while a run ${run.id} is active.`,
      );
    },
  );

  await rejectsWith(
    slowClient.beta.threads.runs.create(thread.id, { assistant_id: assistant.id }),
    OpenAI.BadRequestError,
    (error) => {
      assert.equal(error.status, 400);
      assert.equal(error.error.message, `Thread ${thread.id} already has an active run ${run.id}.`);
    },
  );

  const messages = await slowClient.beta.threads.messages.list(thread.id);
  assert.equal(messages.data.length, 1, 'the refused message was not added');
});

test('wrong API key -> 401 AuthenticationError invalid_api_key, key not echoed', async () => {
  const wrong = clientFor(locked, { apiKey: 'sk-wrong' });
  await rejectsWith(wrong.beta.assistants.list(), OpenAI.AuthenticationError, (error) => {
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_api_key');
    assert.equal(error.type, 'invalid_request_error');
    assert.match(error.error.message, /^Incorrect API key provided: /);
    assert.ok(!error.message.includes('sk-wrong'), `the full key leaked: ${error.message}`);
  });

  // A realistic key length: still only a masked form may appear.
  const longKey = 'sk-proj-wrongWRONGwrong0123456789abcdef';
  const wrongLong = clientFor(locked, { apiKey: longKey });
  await rejectsWith(wrongLong.beta.assistants.list(), OpenAI.AuthenticationError, (error) => {
    assert.equal(error.code, 'invalid_api_key');
    assert.ok(!error.message.includes(longKey), `the full key leaked: ${error.message}`);
  });

  const right = clientFor(locked, { apiKey: 'sk-right' });
  const page = await right.beta.assistants.list();
  assert.deepEqual(page.data, []);
});

test('missing OpenAI-Beta header -> 400 invalid_beta', async () => {
  // The resource methods add the header per request; a per-request null removes it.
  let sent;
  const noBeta = clientFor(server, {
    fetch: (url, init) => {
      sent = new Headers(init.headers);
      return fetch(url, init);
    },
  });
  const request = noBeta.beta.assistants.list({}, { headers: { 'OpenAI-Beta': null } });
  await rejectsWith(request, OpenAI.BadRequestError, (error) => {
    assert.equal(sent.get('openai-beta'), null, 'the request went out without the header');
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_beta');
    assert.match(error.error.message, /OpenAI-Beta: assistants=v2/);
  });
});
