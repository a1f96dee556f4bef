// Server-sent events without the SDK: POST a streaming request with fetch and read the
// `event: <name>\ndata: <json>\n\n` blocks as they arrive (each with its receive time), plus a
// recording `fetch` for the SDK client so SDK-driven tests can also inspect the wire events.

/** Headers every /v1 request needs. */
export const V2_HEADERS = Object.freeze({
  authorization: 'Bearer sk-test',
  'openai-beta': 'assistants=v2',
  'content-type': 'application/json',
});

/**
 * Incremental SSE parser. Feed it text with push(); it calls onEvent({event, data, json, block,
 * receivedAt}) for each complete block. `json` is the parsed data, or undefined when the data is
 * not JSON (e.g. `[DONE]`). Comment-only blocks (`: keep-alive`) are reported through onComment.
 */
export class SseParser {
  #buffer = '';
  #onEvent;
  #onComment;

  constructor(onEvent, onComment = () => {}) {
    this.#onEvent = onEvent;
    this.#onComment = onComment;
  }

  push(text) {
    this.#buffer += text.replace(/\r\n?/g, '\n');
    for (let end = this.#buffer.indexOf('\n\n'); end !== -1; end = this.#buffer.indexOf('\n\n')) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      this.#dispatch(block);
    }
  }

  /** The text left after the last complete block (should be '' once the stream ended). */
  get rest() {
    return this.#buffer;
  }

  #dispatch(block) {
    const receivedAt = performance.now();
    let event;
    const data = [];
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      fields += 1;
      const colon = line.indexOf(':');
      const name = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
    }
    if (fields === 0) {
      this.#onComment(block, receivedAt);
      return;
    }
    const text = data.join('\n');
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    this.#onEvent({ event, data: text, json, block, receivedAt });
  }
}

/** POST `body` (JSON) to `<server.baseURL><path>`; resolves to the fetch Response. */
export function postJson(server, path, body, { signal, headers = {} } = {}) {
  return fetch(`${server.baseURL}${path}`, {
    method: 'POST',
    headers: { ...V2_HEADERS, ...headers },
    body: JSON.stringify(body),
    signal,
  });
}

/**
 * Read a text/event-stream Response to its end, calling onEvent(event) as each block arrives.
 * `onEvent` may return true to stop reading early (the reader is then cancelled).
 * @returns {Promise<{events: object[], raw: string, comments: string[], rest: string}>}
 */
export async function readSse(response, onEvent = () => {}) {
  const events = [];
  const comments = [];
  let raw = '';
  let stop = false;
  const parser = new SseParser(
    (event) => {
      events.push(event);
      if (onEvent(event, events) === true) stop = true;
    },
    (comment) => comments.push(comment),
  );
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      raw += text;
      parser.push(text);
      if (stop) break;
    }
    if (!stop) {
      const tail = decoder.decode();
      raw += tail;
      parser.push(tail);
    }
  } finally {
    if (stop) await reader.cancel().catch(() => {});
    else reader.releaseLock();
  }
  return { events, raw, comments, rest: parser.rest };
}

/**
 * POST a streaming request and read every event.
 * @returns {Promise<{response: Response, events: object[], raw: string, comments: string[], rest: string}>}
 */
export async function streamEvents(server, path, body, options = {}) {
  const response = await postJson(server, path, { ...body, stream: true }, options);
  if (!response.ok) {
    throw new Error(`POST ${path} -> ${response.status}: ${await response.text()}`);
  }
  return { response, ...(await readSse(response, options.onEvent)) };
}

/**
 * A fetch for the SDK client (`clientFor(server, { fetch: recorder.fetch })`) that records the
 * wire events of every text/event-stream response while passing the bytes through untouched.
 * `recorder.streams` holds one {url, events, ended} per streamed response, in request order.
 */
export function sseRecorder() {
  const streams = [];
  const recordingFetch = async (url, init) => {
    const response = await fetch(url, init);
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('text/event-stream') || response.body === null) return response;
    const record = { url: String(url), events: [], ended: false };
    streams.push(record);
    const parser = new SseParser((event) => record.events.push(event));
    const decoder = new TextDecoder();
    const tap = new TransformStream({
      transform(chunk, controller) {
        parser.push(decoder.decode(chunk, { stream: true }));
        controller.enqueue(chunk);
      },
      flush() {
        parser.push(decoder.decode());
        record.ended = true;
      },
    });
    return new Response(response.body.pipeThrough(tap), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return { fetch: recordingFetch, streams };
}

/** The `object` a stream event's data must carry (FACTS.md §6); undefined for done/error. */
export function expectedObjectFor(eventName) {
  if (eventName === 'thread.created') return 'thread';
  if (eventName === 'thread.run.step.delta') return 'thread.run.step.delta';
  if (eventName.startsWith('thread.run.step.')) return 'thread.run.step';
  if (eventName.startsWith('thread.run.')) return 'thread.run';
  if (eventName === 'thread.message.delta') return 'thread.message.delta';
  if (eventName.startsWith('thread.message.')) return 'thread.message';
  return undefined;
}
