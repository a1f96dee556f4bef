// The file_search tool of a response over a vector store made through the same server with the
// official SDK: files uploaded, a store created and polled, then searched by a response.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { toFile } from './support/openai.mjs';
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

test('a response searches the vector store its file_search tool names', async () => {
  const paris = await client.files.create({ file: await toFile(Buffer.from('Paris is the capital of France.'), 'paris.txt'), purpose: 'assistants' });
  const rome = await client.files.create({ file: await toFile(Buffer.from('Rome is the capital of Italy.'), 'rome.txt'), purpose: 'assistants' });
  const store = await client.vectorStores.create({ name: 'capitals', file_ids: [paris.id, rome.id] });
  let current = store;
  while (current.status === 'in_progress') current = await client.vectorStores.retrieve(store.id);
  assert.equal(current.file_counts.completed, 2);

  const response = await client.responses.create({
    model: 'gpt-4o',
    input: 'What is the capital of France?',
    tools: [{ type: 'file_search', vector_store_ids: [store.id] }],
    tool_choice: { type: 'file_search' },
    include: ['file_search_call.results'],
  });
  const call = response.output.find((item) => item.type === 'file_search_call');
  assert.ok(call, JSON.stringify(response.output));
  assert.equal(call.status, 'completed');
  assert.deepEqual(call.queries, ['What is the capital of France?']);
  assert.deepEqual(call.results.map((result) => result.filename), ['paris.txt', 'rome.txt']);
  assert.match(call.results[0].text, /capital of France/);

  await assert.rejects(
    client.responses.create({ model: 'gpt-4o', input: 'x', tools: [{ type: 'file_search', vector_store_ids: ['vs_missing'] }] }),
    (error) => error.status === 404,
  );
});
