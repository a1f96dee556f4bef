// Helpers for tests that drive the mock through the official SDK.
import assert from 'node:assert/strict';

/** Every item of an SDK list, following its pages (auto-pagination). */
export async function collect(page) {
  const items = [];
  for await (const item of page) items.push(item);
  return items;
}

/** The text of a message's text parts, joined. */
export function textOf(message) {
  return message.content
    .filter((part) => part.type === 'text')
    .map((part) => part.text.value)
    .join('');
}

/** Asserts that `promise` rejects with an `ErrorClass` (e.g. OpenAI.NotFoundError), then runs `check` on it. */
export async function rejectsWith(promise, ErrorClass, check) {
  await assert.rejects(promise, (error) => {
    assert.ok(
      error instanceof ErrorClass,
      `expected ${ErrorClass.name}, got ${error?.constructor?.name}: ${error?.message}`,
    );
    check(error);
    return true;
  });
}
