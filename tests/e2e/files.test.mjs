// Files and vector stores through the SDK: a file uploaded with `toFile` is downloaded byte
// for byte, attached to an assistant (code_interpreter), a vector store (files.create and
// the vector_stores helper), a file batch polled to completed, and a message; deleting the
// file removes it from the vector store. Plus the 413 of --max-file-bytes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { clientFor, startServer } from './support/server.mjs';
import { adminOk } from './support/admin.mjs';
import { collect, rejectsWith } from './support/sdk.mjs';

const FILE_ID = /^file-[A-Za-z0-9]{24}$/;

describe('files and vector stores', () => {
  let server;
  let client;

  before(async () => {
    server = await startServer();
    client = clientFor(server);
  });

  after(async () => {
    await server?.stop();
  });

  async function uploadText(text, name = 'notes.txt') {
    return client.files.create({ file: await toFile(Buffer.from(text), name), purpose: 'assistants' });
  }

  test('an uploaded file comes back byte for byte and is listed', async () => {
    const bytes = Buffer.from([0x68, 0x69, 0x00, 0xff, 0x0a, 0xe2, 0x82, 0xac]);
    const file = await client.files.create({ file: await toFile(bytes, 'notes.txt'), purpose: 'assistants' });
    assert.match(file.id, FILE_ID);
    assert.equal(file.object, 'file');
    assert.equal(file.bytes, bytes.length);
    assert.equal(file.filename, 'notes.txt');
    assert.equal(file.purpose, 'assistants');
    assert.equal(file.status, 'processed');

    const response = await client.files.content(file.id);
    assert.equal(response.headers.get('content-type'), 'text/plain');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);

    assert.deepEqual(await client.files.retrieve(file.id), file);
    const listed = await collect(await client.files.list({ purpose: 'assistants' }));
    assert.ok(listed.some((f) => f.id === file.id), 'files.list shows the upload');

    assert.deepEqual(await client.files.delete(file.id), { id: file.id, object: 'file', deleted: true });
    await rejectsWith(client.files.retrieve(file.id), OpenAI.NotFoundError, (error) => {
      assert.equal(error.error?.message, `No file found with id '${file.id}'.`);
    });
  });

  test('a file attaches to an assistant, a vector store, a batch and a message', async () => {
    const file = await uploadText('The answer is 42.');

    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      tools: [{ type: 'code_interpreter' }, { type: 'file_search' }],
      tool_resources: { code_interpreter: { file_ids: [file.id] } },
    });
    assert.deepEqual(assistant.tool_resources.code_interpreter.file_ids, [file.id]);

    const store = await client.vectorStores.create({ name: 'Notes' });
    assert.match(store.id, /^vs_[A-Za-z0-9]{24}$/);
    const attached = await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id });
    assert.equal(attached.id, file.id);
    assert.equal(attached.status, 'completed');
    assert.equal(attached.usage_bytes, 'The answer is 42.'.length);
    const afterAttach = await client.vectorStores.retrieve(store.id);
    assert.equal(afterAttach.status, 'completed');
    assert.equal(afterAttach.file_counts.completed, 1);

    const second = await uploadText('second');
    const third = await uploadText('third');
    const batch = await client.vectorStores.fileBatches.createAndPoll(store.id, {
      file_ids: [second.id, third.id],
    });
    assert.match(batch.id, /^vsfb_[A-Za-z0-9]{24}$/);
    assert.equal(batch.object, 'vector_store.files_batch');
    assert.equal(batch.status, 'completed');
    assert.deepEqual(batch.file_counts, { in_progress: 0, completed: 2, failed: 0, cancelled: 0, total: 2 });
    const batchFiles = await collect(
      await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id }),
    );
    assert.deepEqual(batchFiles.map((f) => f.id).sort(), [second.id, third.id].sort());

    const updated = await client.beta.assistants.update(assistant.id, {
      tool_resources: { file_search: { vector_store_ids: [store.id] } },
    });
    assert.deepEqual(updated.tool_resources.file_search.vector_store_ids, [store.id]);

    const thread = await client.beta.threads.create();
    const message = await client.beta.threads.messages.create(thread.id, {
      role: 'user',
      content: 'What does the file say?',
      attachments: [{ file_id: file.id, tools: [{ type: 'code_interpreter' }] }],
    });
    assert.deepEqual(message.attachments, [{ file_id: file.id, tools: [{ type: 'code_interpreter' }] }]);
  });

  test('the vector_stores helper creates a store from file ids', async () => {
    const file = await uploadText('helper');
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      tools: [{ type: 'file_search' }],
      tool_resources: { file_search: { vector_stores: [{ file_ids: [file.id] }] } },
    });
    const [storeId] = assistant.tool_resources.file_search.vector_store_ids;
    assert.match(storeId, /^vs_/);
    const done = await client.vectorStores.files.poll(storeId, file.id);
    assert.equal(done.status, 'completed');
  });

  test('deleting a file removes it from the vector store', async () => {
    const keep = await uploadText('keep');
    const drop = await uploadText('drop');
    const store = await client.vectorStores.create({ file_ids: [keep.id, drop.id] });
    await client.vectorStores.files.poll(store.id, drop.id);

    await client.files.delete(drop.id);
    const files = await collect(await client.vectorStores.files.list(store.id));
    assert.deepEqual(files.map((f) => f.id), [keep.id]);
    await rejectsWith(
      client.vectorStores.files.retrieve(drop.id, { vector_store_id: store.id }),
      OpenAI.NotFoundError,
      (error) => assert.equal(error.status, 404),
    );
    const after = await client.vectorStores.retrieve(store.id);
    assert.equal(after.file_counts.total, 1);
    assert.equal(after.usage_bytes, 'keep'.length);

    const state = await adminOk(server, 'GET', '/__admin/state');
    assert.ok(!state.files.some((f) => f.id === drop.id), '/__admin/state no longer lists it');
  });

  test('ids that do not exist are 404s with the service wording', async () => {
    await rejectsWith(
      client.beta.assistants.create({
        model: 'gpt-4o',
        tool_resources: { code_interpreter: { file_ids: ['file-doesnotexist0000000000'] } },
      }),
      OpenAI.NotFoundError,
      (error) => assert.equal(error.error?.message, "No file found with id 'file-doesnotexist0000000000'."),
    );
    await rejectsWith(client.vectorStores.retrieve('vs_doesnotexist'), OpenAI.NotFoundError, (error) =>
      assert.equal(error.error?.message, "No vector store found with id 'vs_doesnotexist'."),
    );
  });
});

describe('file size limits', () => {
  let server;
  let client;

  before(async () => {
    server = await startServer({ extraArgs: ['--max-file-bytes', '64', '--max-files-total-bytes', '100'] });
    client = clientFor(server);
  });

  after(async () => {
    await server?.stop();
  });

  test('an upload over --max-file-bytes is a 413 in the error envelope', async () => {
    await rejectsWith(
      client.files.create({ file: await toFile(Buffer.alloc(65, 0x61), 'big.txt'), purpose: 'assistants' }),
      OpenAI.APIError,
      (error) => {
        assert.equal(error.status, 413);
        assert.equal(error.code, 'file_too_large');
        assert.match(error.error?.message, /--max-file-bytes/);
      },
    );
    const fits = await client.files.create({ file: await toFile(Buffer.alloc(64, 0x61), 'ok.txt'), purpose: 'assistants' });
    await rejectsWith(
      client.files.create({ file: await toFile(Buffer.alloc(64, 0x61), 'more.txt'), purpose: 'assistants' }),
      OpenAI.APIError,
      (error) => assert.equal(error.code, 'file_storage_limit_exceeded'),
    );
    await client.files.delete(fits.id);
    await client.files.create({ file: await toFile(Buffer.alloc(64, 0x61), 'more.txt'), purpose: 'assistants' });
  });
});
