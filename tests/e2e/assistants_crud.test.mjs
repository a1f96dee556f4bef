// Assistant create / retrieve / update / list / delete through the SDK, and the 404 after delete.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { clientFor, startServer } from './support/server.mjs';

let server;
let client;

before(async () => {
  server = await startServer();
  client = clientFor(server);
});

after(async () => {
  await server?.stop();
});

test('assistant lifecycle: create, retrieve, update, list, delete, 404', async () => {
  const created = await client.beta.assistants.create({
    model: 'gpt-4o',
    name: 'CRUD bot',
    description: 'made by the e2e suite',
    instructions: 'Be brief.',
    tools: [{ type: 'code_interpreter' }],
    metadata: { suite: 'e2e' },
  });
  assert.match(created.id, /^asst_[A-Za-z0-9]{24}$/);
  assert.equal(created.object, 'assistant');
  assert.equal(typeof created.created_at, 'number');
  assert.ok(Number.isInteger(created.created_at));
  assert.equal(created.model, 'gpt-4o');
  assert.equal(created.name, 'CRUD bot');
  assert.equal(created.description, 'made by the e2e suite');
  assert.equal(created.instructions, 'Be brief.');
  assert.deepEqual(created.tools, [{ type: 'code_interpreter' }]);
  assert.deepEqual(created.metadata, { suite: 'e2e' });

  const retrieved = await client.beta.assistants.retrieve(created.id);
  assert.deepEqual(retrieved, created, 'retrieve returns the object create returned');

  const updated = await client.beta.assistants.update(created.id, {
    name: 'CRUD bot v2',
    metadata: { suite: 'e2e', step: 'updated' },
  });
  assert.equal(updated.id, created.id);
  assert.equal(updated.name, 'CRUD bot v2');
  assert.deepEqual(updated.metadata, { suite: 'e2e', step: 'updated' });
  assert.equal(updated.instructions, 'Be brief.', 'fields not in the update are kept');
  assert.equal(updated.model, 'gpt-4o');
  assert.equal(updated.created_at, created.created_at);

  const afterUpdate = await client.beta.assistants.retrieve(created.id);
  assert.equal(afterUpdate.name, 'CRUD bot v2');
  assert.deepEqual(afterUpdate.metadata, { suite: 'e2e', step: 'updated' });

  const page = await client.beta.assistants.list();
  assert.equal(page.has_more, false);
  const listed = page.data.find((a) => a.id === created.id);
  assert.ok(listed, `list contains ${created.id}`);
  assert.equal(listed.name, 'CRUD bot v2');

  const deleted = await client.beta.assistants.delete(created.id);
  assert.deepEqual(deleted, { id: created.id, object: 'assistant.deleted', deleted: true });

  await assert.rejects(client.beta.assistants.retrieve(created.id), (error) => {
    assert.ok(error instanceof OpenAI.NotFoundError, `expected NotFoundError, got ${error?.constructor?.name}: ${error}`);
    assert.equal(error.status, 404);
    assert.match(error.message, /No assistant found with id/);
    assert.equal(error.error?.message, `No assistant found with id '${created.id}'.`);
    assert.equal(error.type, 'invalid_request_error');
    return true;
  });

  const listAfterDelete = await client.beta.assistants.list();
  assert.ok(!listAfterDelete.data.some((a) => a.id === created.id), 'a deleted assistant is not listed');
});
