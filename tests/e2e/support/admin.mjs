// Plain-JSON helpers for the mock's /__admin API (no auth, no SDK), plus the scenario files
// shipped in /scenarios.

import { fileURLToPath } from 'node:url';

/** Absolute path of a scenario file shipped in <repo>/scenarios. */
export function scenarioFile(name) {
  return fileURLToPath(new URL(`../../../scenarios/${name}`, import.meta.url));
}

/**
 * Send one admin request. `body` (if given) is JSON-encoded unless it is already a string.
 * @returns {Promise<{status: number, body: any, headers: Headers}>} body is parsed JSON (or the raw
 *   text when it is not JSON).
 */
export async function admin(server, method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${server.url.replace(/\/+$/, '')}${path}`, init);
  const text = await response.text();
  let parsed;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Like admin(), but throws unless the status is 2xx; returns the parsed body. */
export async function adminOk(server, method, path, body) {
  const result = await admin(server, method, path, body);
  if (result.status < 200 || result.status > 299) {
    throw new Error(`${method} ${path} -> ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return result.body;
}

/** POST /__admin/clock/advance by `ms` milliseconds (manual clock); returns the clock JSON. */
export function advanceClock(server, ms) {
  return adminOk(server, 'POST', '/__admin/clock/advance', { ms });
}
