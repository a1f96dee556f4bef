// Types of the assistants-mock Node package (index.cjs / index.mjs).
import type { ChildProcess } from "node:child_process";

/** What the three start functions share. */
export interface StartOptions {
  /** The assistants-mock binary; else $ASSISTANTS_MOCK_BIN, PATH, this repository's build. */
  binary?: string;
  /** Address to bind (default 127.0.0.1). The port is always a free one (`--port 0`). */
  host?: string;
  /** Pass --quiet (default true): the server prints only errors. */
  quiet?: boolean;
  /** Copy the server's stdout and stderr to this process's stderr. */
  log?: boolean;
  /** Reject if the server has not said "listening on URL" by then (default 10000). */
  startTimeoutMs?: number;
  /** After stop()'s SIGTERM, SIGKILL after this long (default 15000). */
  stopGraceMs?: number;
  /** Extra command-line arguments, appended as they are. */
  args?: string[];
  /** Extra environment variables for the server. */
  env?: Record<string, string>;
  cwd?: string;
  /** Sent as X-Admin-Token on admin calls (startMock also passes --admin-token). */
  adminToken?: string;
}

/** A scenario file's contents (scenarios/scenario.schema.json). */
export interface Scenario {
  name?: string;
  description?: string;
  rules: Array<{ name?: string; when?: Record<string, unknown>; then: unknown[]; times?: number }>;
  [key: string]: unknown;
}

export interface MockOptions extends StartOptions {
  /** A scenario file (path), or a scenario object (set through PUT /__admin/scenario). */
  scenario?: string | Scenario;
  /** Id sequence seed: the same seed and requests give the same ids. */
  seed?: number;
  /** "manual": time starts at 2024-01-01T00:00:00Z and moves only through advanceClock(). */
  clock?: "real" | "manual";
  /**
   * Passed as `--as-of DATE` (a Date as YYYY-MM-DD): the server answers as the API did that
   * day. A server without the flag makes startMock reject with the server's own message.
   */
  asOf?: string | Date;
  /** Accept only this bearer key (--api-key); also the `apiKey` the result carries. */
  apiKey?: string;
  runStepMs?: number;
  pollAfterMs?: number;
  journalSize?: number;
}

export interface ReplayOptions extends StartOptions {
  /** A cassette file, or a directory of cassettes (X-Cassette picks one). */
  cassette: string;
  matchOn?: string | string[];
  speed?: number;
  redactHeaders?: string[];
  redactJsonPaths?: string[];
}

export interface RecordOptions extends StartOptions {
  cassette: string;
  /** Where requests go (default https://api.openai.com). */
  upstream?: string;
  /** once (default: record a missing cassette, replay an existing one), new_episodes, all, none. */
  mode?: "once" | "new_episodes" | "all" | "none";
  matchOn?: string | string[];
  redactHeaders?: string[];
  redactJsonPaths?: string[];
  caFile?: string;
  timeoutMs?: number;
}

/** A pattern over the request journal. requests() takes method, path, pathRegex, status, since, limit. */
export interface RequestPattern {
  method?: string;
  /** Glob: `*` within a segment, `**` across. */
  path?: string;
  /** RE2 regular expression. */
  pathRegex?: string;
  status?: number;
  since?: number;
  limit?: number;
  /** count() only: query parameters that must be present with these values. */
  query?: Record<string, string>;
  /** count() only: partial JSON; every key given must match, recursively. */
  body?: unknown;
}

export interface JournalEntry {
  id: number;
  method: string;
  path: string;
  query: Record<string, string> | Array<[string, string]>;
  headers: Record<string, string>;
  body?: unknown;
  status: number;
  served_by: string;
  near_miss?: string;
  [key: string]: unknown;
}

export interface Fault {
  method?: string;
  path: string;
  count?: number;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export declare class AdminError extends Error {
  status: number;
  body: string;
}

export declare class BinaryNotFoundError extends Error {}

/** The admin API (/__admin) of any of the three commands. */
export declare class AdminClient {
  constructor(url: string, options?: { adminToken?: string });
  readonly url: string;
  call(method: string, path: string, body?: unknown): Promise<any>;
  health(): Promise<{ status: string }>;
  requests(pattern?: RequestPattern): Promise<JournalEntry[]>;
  count(pattern?: RequestPattern): Promise<number>;
  unmatched(pattern?: RequestPattern): Promise<JournalEntry[]>;
  clearRequests(): Promise<void>;
  metrics(): Promise<string>;
}

export declare class StartedServer extends AdminClient {
  /** Root URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** `${url}/v1`: the SDK's baseURL. */
  readonly baseURL: string;
  readonly port: number;
  readonly binary: string;
  /** The server's pid. */
  readonly pid: number;
  /** The server's stderr so far (its last 64 KiB). */
  readonly stderr: string;
  /** Stops the server; idempotent, every call returns the same promise. */
  stop(): Promise<Exit>;
}

export declare class MockServer extends StartedServer {
  /** The key to give the SDK: the apiKey option, else "sk-test". */
  readonly apiKey: string;
  reset(): Promise<void>;
  advanceClock(seconds: number): Promise<Record<string, unknown>>;
  clock(): Promise<Record<string, unknown>>;
  setScenario(scenario: Scenario): Promise<unknown>;
  scenario(): Promise<Scenario | null>;
  clearScenario(): Promise<void>;
  injectFault(fault: Fault): Promise<Record<string, unknown>>;
  faults(): Promise<unknown>;
  clearFaults(): Promise<void>;
  state(): Promise<Record<string, unknown>>;
}

export declare class CassetteServer extends StartedServer {
  /** The cassette's absolute path. */
  readonly cassette: string;
}

export declare class ReplayServer extends CassetteServer {
  rewind(name?: string): Promise<void>;
  useCassette(name: string): Promise<unknown>;
  cassettes(): Promise<unknown>;
}

export declare function startMock(options?: MockOptions): Promise<MockServer>;
export declare function startReplay(options: ReplayOptions): Promise<ReplayServer>;
export declare function startRecord(options: RecordOptions): Promise<CassetteServer>;
/** The binary startMock would run; throws BinaryNotFoundError naming the four places. */
export declare function findBinary(option?: string): string;
