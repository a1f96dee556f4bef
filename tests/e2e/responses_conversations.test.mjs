// Conversations and their items through the official SDK: create with items, retrieve,
// update metadata, delete; items create / list (auto-paginated) / retrieve / delete.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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

test('conversation lifecycle', async () => {
  const conversation = await client.conversations.create({
    metadata: { topic: 'algebra' },
    items: [{ type: 'message', role: 'user', content: 'Hello' }],
  });
  assert.equal(conversation.object, 'conversation');
  assert.deepEqual(conversation.metadata, { topic: 'algebra' });
  assert.deepEqual(await client.conversations.retrieve(conversation.id), conversation);

  const updated = await client.conversations.update(conversation.id, { metadata: { topic: 'geometry' } });
  assert.deepEqual(updated.metadata, { topic: 'geometry' });

  const deleted = await client.conversations.delete(conversation.id);
  assert.deepEqual(deleted, { id: conversation.id, object: 'conversation.deleted', deleted: true });
  await assert.rejects(client.conversations.retrieve(conversation.id), (error) => {
    assert.equal(error.status, 404);
    assert.equal(error.constructor.name, 'NotFoundError');
    assert.equal(error.error.message, `Conversation with id '${conversation.id}' not found.`);
    return true;
  });
});

test('items: create, list across pages, retrieve, delete', async () => {
  const conversation = await client.conversations.create();
  const created = await client.conversations.items.create(conversation.id, {
    items: Array.from({ length: 5 }, (_, i) => ({ type: 'message', role: 'user', content: `item ${i}` })),
  });
  assert.equal(created.data.length, 5);
  const ids = created.data.map((item) => item.id);

  const newestFirst = [];
  for await (const item of client.conversations.items.list(conversation.id, { limit: 2 })) newestFirst.push(item.id);
  assert.deepEqual(newestFirst, [...ids].reverse());

  const item = await client.conversations.items.retrieve(ids[1], { conversation_id: conversation.id });
  assert.equal(item.content[0].text, 'item 1');
  const after = await client.conversations.items.delete(ids[1], { conversation_id: conversation.id });
  assert.equal(after.object, 'conversation');
  const remaining = await client.conversations.items.list(conversation.id, { order: 'asc' });
  assert.deepEqual(remaining.data.map((entry) => entry.id), [ids[0], ids[2], ids[3], ids[4]]);
});

test('responses in a conversation see and extend its items', async () => {
  const conversation = await client.conversations.create({
    items: [{ type: 'message', role: 'developer', content: 'Answer in one line.' }],
  });
  const first = await client.responses.create({ model: 'gpt-4o', conversation: conversation.id, input: 'one' });
  const second = await client.responses.create({ model: 'gpt-4o', conversation: { id: conversation.id }, input: 'two' });
  assert.deepEqual(second.conversation, { id: conversation.id });
  assert.ok(second.usage.input_tokens > first.usage.input_tokens);
  const items = await client.conversations.items.list(conversation.id, { order: 'asc' });
  assert.deepEqual(items.data.map((item) => item.role), ['developer', 'user', 'assistant', 'user', 'assistant']);
  const count = await client.responses.inputTokens.count({ conversation: conversation.id, input: 'three' });
  assert.equal(count.object, 'response.input_tokens');
  assert.ok(count.input_tokens > second.usage.input_tokens);
});
