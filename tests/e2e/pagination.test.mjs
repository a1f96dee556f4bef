// Cursor pagination of GET /assistants through the SDK's auto-paginating iterator.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientFor, startServer } from './support/server.mjs';

const COUNT = 45;
const LIMIT = 10;

let server;
let client;
const createdIds = []; // in creation order

before(async () => {
  server = await startServer();
  client = clientFor(server);
  // Sequential, so the creation order is well defined even within one second.
  for (let i = 0; i < COUNT; i += 1) {
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: `pager-${i}` });
    createdIds.push(assistant.id);
  }
});

after(async () => {
  await server?.stop();
});

async function collect(params) {
  const ids = [];
  for await (const assistant of client.beta.assistants.list(params)) {
    ids.push(assistant.id);
  }
  return ids;
}

test('default order (desc) yields every assistant once, newest first', async () => {
  const ids = await collect({ limit: LIMIT });
  assert.equal(ids.length, COUNT);
  assert.equal(new Set(ids).size, COUNT, 'no assistant is yielded twice');
  for (const id of createdIds) assert.ok(ids.includes(id), `${id} is listed`);
  assert.deepEqual(ids, [...createdIds].reverse());
});

test("order: 'asc' yields every assistant once, oldest first", async () => {
  const ids = await collect({ limit: LIMIT, order: 'asc' });
  assert.equal(ids.length, COUNT);
  assert.equal(new Set(ids).size, COUNT);
  assert.deepEqual(ids, createdIds);
});

test('iterPages fetches ceil(45/10) pages with a consistent envelope', async () => {
  const pages = [];
  const firstPage = await client.beta.assistants.list({ limit: LIMIT });
  for await (const page of firstPage.iterPages()) {
    pages.push(page);
  }
  assert.equal(pages.length, Math.ceil(COUNT / LIMIT));
  assert.ok(pages.length > 1, 'more than one page was fetched');
  pages.forEach((page, index) => {
    const last = index === pages.length - 1;
    assert.equal(page.data.length, last ? COUNT - LIMIT * (pages.length - 1) : LIMIT);
    assert.equal(page.has_more, !last, `has_more on page ${index + 1}`);
    assert.equal(page.hasNextPage(), !last);
    assert.equal(page.body.object, 'list');
    assert.equal(page.body.first_id, page.data[0].id);
    assert.equal(page.body.last_id, page.data.at(-1).id);
  });
  const ids = pages.flatMap((page) => page.data.map((a) => a.id));
  assert.deepEqual(ids, [...createdIds].reverse());
});

test('auto-pagination issues one request per page', async () => {
  const urls = [];
  const counting = clientFor(server, {
    fetch: (url, init) => {
      urls.push(String(url));
      return fetch(url, init);
    },
  });
  let count = 0;
  for await (const assistant of counting.beta.assistants.list({ limit: LIMIT })) {
    assert.equal(assistant.object, 'assistant');
    count += 1;
  }
  assert.equal(count, COUNT);
  assert.equal(urls.length, Math.ceil(COUNT / LIMIT), `requests: ${urls.join(', ')}`);
  assert.ok(!urls[0].includes('after='), 'the first request has no cursor');
  for (const url of urls.slice(1)) assert.match(url, /[?&]after=asst_/);
});

test('first_id / last_id / has_more on a manual page walk with after and before', async () => {
  const first = await client.beta.assistants.list({ limit: LIMIT });
  assert.equal(first.hasNextPage(), true);
  const newest = [...createdIds].reverse();
  assert.deepEqual(first.data.map((a) => a.id), newest.slice(0, LIMIT));
  assert.equal(first.body.object, 'list');
  assert.equal(first.body.first_id, newest[0]);
  assert.equal(first.body.last_id, newest[LIMIT - 1]);
  assert.equal(first.body.has_more, true);

  const second = await first.getNextPage();
  assert.deepEqual(second.data.map((a) => a.id), newest.slice(LIMIT, 2 * LIMIT));

  // before=<first id of page 2> returns the objects that precede it in this order, i.e. page 1.
  const back = await client.beta.assistants.list({ limit: LIMIT, before: newest[LIMIT] });
  assert.deepEqual(back.data.map((a) => a.id), newest.slice(0, LIMIT));

  // after the last object: an empty page.
  const empty = await client.beta.assistants.list({ limit: LIMIT, after: newest[COUNT - 1] });
  assert.deepEqual(empty.data, []);
  assert.equal(empty.has_more, false);
  assert.equal(empty.hasNextPage(), false);
});
