// assistants-mock for Node test suites: start `assistants-mock serve | replay | record` on a
// free port in one line, talk to its admin API, and never leave a server running.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { createInterface } = require("node:readline");

const k_binary_name = "assistants-mock";
const k_env_binary = "ASSISTANTS_MOCK_BIN";
const k_stderr_kept = 64 * 1024;
// This package inside a clone of the repository: clients/node -> the repository's build trees.
const k_repo_root = path.resolve(__dirname, "..", "..");
const k_repo_builds = ["build/release", "build/test", "build"].map((dir) =>
  path.join(k_repo_root, dir, "bin", k_binary_name));

/** Thrown when no assistants-mock binary can be found; the message names the four places. */
class BinaryNotFoundError extends Error {
  constructor(message) {
    super(message);
    this.name = "BinaryNotFoundError";
  }
}

/** A non-2xx answer of the admin API. */
class AdminError extends Error {
  constructor(method, urlPath, status, body) {
    super(`${method} ${urlPath} answered ${status}: ${body}`);
    this.name = "AdminError";
    this.status = status;
    this.body = body;
  }
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The binary to run: the `binary` option, else $ASSISTANTS_MOCK_BIN, else `assistants-mock` on
 * PATH, else this repository's build (build/release, build/test, build). A place that is named
 * (option or variable) but holds no executable is an error, not a reason to look further.
 */
function findBinary(option) {
  if (option !== undefined) {
    if (isExecutable(option)) return path.resolve(option);
    throw new BinaryNotFoundError(`assistants-mock: the binary option names ${option}, which is not an executable file.`);
  }
  const fromEnv = process.env[k_env_binary];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return path.resolve(fromEnv);
    throw new BinaryNotFoundError(`assistants-mock: ${k_env_binary}=${fromEnv} is not an executable file.`);
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, k_binary_name);
    if (isExecutable(candidate)) return candidate;
  }
  for (const candidate of k_repo_builds) {
    if (isExecutable(candidate)) return candidate;
  }
  throw new BinaryNotFoundError(
    "assistants-mock: cannot find the assistants-mock binary. Looked in, in order:\n" +
    "  1. the `binary` option of startMock/startReplay/startRecord (not given)\n" +
    `  2. the ${k_env_binary} environment variable (not set)\n` +
    `  3. PATH (no ${k_binary_name} in ${process.env.PATH ?? ""})\n` +
    `  4. this repository's build (${repoBuildsNote()})\n` +
    "Build it (scripts/serve, or cmake --build build/release --target assistants-mock), install the " +
    `.deb, or set ${k_env_binary}=/path/to/assistants-mock.`);
}

function repoBuildsNote() {
  if (!fs.existsSync(path.join(k_repo_root, "clients", "node", "package.json"))) {
    return "this package is not inside a checkout of the repository";
  }
  return `${k_repo_builds.join(", ")}: none there`;
}

/** Flags shared by the three commands, from options. */
function commonFlags(options) {
  const flags = ["--port", "0"];
  if (options.host !== undefined) flags.push("--host", options.host);
  if (options.quiet !== false) flags.push("--quiet");
  return flags;
}

function pushIf(flags, flag, value) {
  if (value !== undefined && value !== null) flags.push(flag, String(value));
}

/** The date `--as-of` takes: a Date becomes YYYY-MM-DD, a string is passed as it is. */
function asOfText(value) {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

// The watchdog: a `sh` beside the server whose standard input is a pipe from this process. The
// pipe ends when this process ends in any way (SIGKILL included: the kernel closes it); the
// watchdog then sends the server SIGTERM, and SIGKILL after the grace period ($2 tenths of a
// second). While the server runs, this process kills the watchdog as soon as the server exits,
// so it never signals a pid that has been reused. A shell, not a second Node, so that starting
// costs about a millisecond.
const k_watchdog_script = `
while read -r _; do :; done
kill -TERM "$1" 2>/dev/null || exit 0
i=0
while kill -0 "$1" 2>/dev/null; do
  if [ "$i" -ge "$2" ]; then kill -KILL "$1" 2>/dev/null; exit 0; fi
  sleep 0.1
  i=$((i + 1))
done`;

/**
 * Starts BINARY COMMAND ARGS with a watchdog and resolves with the URL it prints ("listening on
 * URL") once it accepts connections. Rejects with the server's own stderr if it exits first,
 * and after `startTimeoutMs` if it says nothing.
 */
function launch(command, args, options) {
  const binary = findBinary(options.binary);
  const graceMs = options.stopGraceMs ?? 15_000;
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const child = spawn(binary, [command, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
  });
  const state = { stderr: "", exit: null };
  let watchdog = null;
  if (child.pid !== undefined) {
    watchdog = spawn("/bin/sh", ["-c", k_watchdog_script, "assistants-mock-watchdog", String(child.pid),
                                 String(Math.ceil(graceMs / 100))],
                     { stdio: ["pipe", "ignore", "ignore"] });
    watchdog.on("error", () => {});
    watchdog.stdin.on("error", () => {});
    watchdog.unref();
    watchdog.stdin.unref?.();
  }
  child.on("exit", () => watchdog?.kill("SIGKILL"));
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    state.stderr = (state.stderr + chunk).slice(-k_stderr_kept);
    if (options.log) process.stderr.write(chunk);
  });
  const closed = new Promise((resolve) => {
    child.on("error", (error) => {  // could not be started at all (EACCES, ...)
      state.stderr += `cannot run ${binary}: ${error.message}\n`;
      state.exit = { code: null, signal: null };
      resolve(state.exit);
    });
    child.on("close", (code, signal) => {
      state.exit = { code, signal };
      resolve(state.exit);
    });
  });
  const commandLine = `${binary} ${command} ${args.join(" ")}`;

  const ready = new Promise((resolve, reject) => {
    let url = null;
    const timer = setTimeout(() => {
      reject(new Error(`assistants-mock: ${commandLine} did not print "listening on URL" within ` +
                       `${startTimeoutMs} ms.${stderrNote(state.stderr)}`));
    }, startTimeoutMs);
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /^listening on (\S+)/.exec(line);
      if (match && url === null) {
        url = match[1];
        clearTimeout(timer);
        resolve(url);
      }
      if (options.log) process.stderr.write(`${line}\n`);
    });
    closed.then(({ code, signal }) => {
      clearTimeout(timer);
      if (url !== null) return;
      const how = signal ? `signal ${signal}` : `status ${code}`;
      reject(new Error(`assistants-mock: ${commandLine} exited with ${how} before it was ready.` +
                       stderrNote(state.stderr)));
    });
  });

  const stop = onceOnly(async () => {
    child.ref();
    child.stdout.ref?.();
    child.stderr.ref?.();
    if (state.exit === null && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      closed.then(() => clearTimeout(killer));
    }
    return closed;
  });

  return ready.then(
    (url) => {
      // The test process may end without calling stop(); the running server must not keep it
      // alive. Its end closes the watchdog's input, which stops the server.
      child.unref();
      child.stdout.unref?.();
      child.stderr.unref?.();
      return { url, child, state, stop, binary };
    },
    async (error) => {
      await stop();
      throw error;
    });
}

function stderrNote(text) {
  const trimmed = text.trim();
  return trimmed ? `\nIts stderr:\n${trimmed}` : " It printed nothing on stderr.";
}

function onceOnly(fn) {
  let result = null;
  return () => (result ??= fn());
}

/** The admin API of any of the three commands (paths under /__admin). */
class AdminClient {
  /** @param url the server's root URL, e.g. http://127.0.0.1:4010 */
  constructor(url, { adminToken } = {}) {
    this.url = url.replace(/\/+$/, "");
    this.adminToken = adminToken;
  }

  async call(method, urlPath, body) {
    const headers = {};
    if (this.adminToken) headers["X-Admin-Token"] = this.adminToken;
    let payload;
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    } else if (method === "POST" || method === "PUT") {
      payload = "";  // the server wants a body or Content-Length: 0 on POST
    }
    const response = await fetch(`${this.url}${urlPath}`, { method, headers, body: payload });
    const text = await response.text();
    if (!response.ok) throw new AdminError(method, urlPath, response.status, text);
    const type = response.headers.get("content-type") ?? "";
    return type.includes("json") ? JSON.parse(text) : text;
  }

  /** `{"status":"ok"}` once the server serves. */
  health() { return this.call("GET", "/__admin/health"); }

  /**
   * The journal's entries, oldest first, filtered by `method`, `path` (glob), `pathRegex`,
   * `status`, `since` (an entry id) and `limit`. For `body` or `query` patterns use count().
   */
  async requests(pattern = {}) {
    const page = await this.call("GET", `/__admin/requests${journalQuery(pattern)}`);
    return page.entries;
  }

  /** How many journal entries match: method, path, pathRegex, query, body (partial JSON), status. */
  async count(pattern = {}) {
    const answer = await this.call("POST", "/__admin/requests/count", countPattern(pattern));
    return answer.count;
  }

  /** Requests nothing served (unknown route, replay miss), each with `near_miss`. */
  async unmatched(pattern = {}) {
    const page = await this.call("GET", `/__admin/requests/unmatched${journalQuery(pattern)}`);
    return page.entries;
  }

  /** Empties the request journal. */
  async clearRequests() { await this.call("DELETE", "/__admin/requests"); }

  /** The Prometheus text of /__admin/metrics. */
  metrics() { return this.call("GET", "/__admin/metrics"); }
}

function journalQuery(pattern) {
  const known = { method: "method", path: "path", pathRegex: "path_regex", path_regex: "path_regex",
                  status: "status", since: "since", limit: "limit" };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(pattern)) {
    if (!(key in known)) {
      throw new TypeError(`requests(): unknown pattern key '${key}' (the journal list filters by ` +
                          `${Object.keys(known).join(", ")}; count() also takes body and query)`);
    }
    if (value !== undefined) params.set(known[key], String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

function countPattern(pattern) {
  const out = { ...pattern };
  if ("pathRegex" in out) {
    out.path_regex = out.pathRegex;
    delete out.pathRegex;
  }
  return out;
}

/** What every started server has: its URLs, its admin API and stop(). */
class StartedServer extends AdminClient {
  constructor(launched, options) {
    super(launched.url, options);
    this.baseURL = `${this.url}/v1`;
    this.port = Number(new URL(this.url).port);
    this.binary = launched.binary;
    this.pid = launched.child.pid;
    this._launched = launched;
  }

  /** The server's stderr so far (its last 64 KiB). */
  get stderr() { return this._launched.state.stderr; }

  /**
   * Stops the server (SIGTERM; record saves its cassette) and resolves with its exit
   * `{code, signal}` once it is gone. Idempotent: every call returns the same promise.
   */
  stop() { return this._launched.stop(); }
}
// `await using mock = await startMock()` where the runtime has explicit resource management.
if (Symbol.asyncDispose) {
  StartedServer.prototype[Symbol.asyncDispose] = async function dispose() { await this.stop(); };
}

/** `assistants-mock serve`: the stateful mock, with its admin API. */
class MockServer extends StartedServer {
  constructor(launched, options) {
    super(launched, options);
    this.apiKey = options.apiKey ?? "sk-test";
  }

  /** Removes every object, restarts the id sequence, clears faults and rule counts. */
  async reset() { await this.call("POST", "/__admin/reset"); }

  /** Moves the server's clock forward (either clock mode); resolves with the clock. */
  advanceClock(seconds) { return this.call("POST", "/__admin/clock/advance", { seconds }); }

  /** The server's clock. */
  clock() { return this.call("GET", "/__admin/clock"); }

  /** Replaces the scenario (an object in the scenario file's shape). */
  setScenario(scenario) { return this.call("PUT", "/__admin/scenario", scenario); }

  /** The current scenario. */
  scenario() { return this.call("GET", "/__admin/scenario"); }

  /** Drops the scenario: runs get the default responder. */
  async clearScenario() { await this.call("DELETE", "/__admin/scenario"); }

  /**
   * The next `count` requests matching `method` and `path` (glob) answer `status`, with
   * `body` (default: the OpenAI error envelope) and `headers`.
   */
  injectFault(fault) { return this.call("POST", "/__admin/faults", fault); }

  /** The faults still armed. */
  faults() { return this.call("GET", "/__admin/faults"); }

  /** Disarms every fault. */
  async clearFaults() { await this.call("DELETE", "/__admin/faults"); }

  /** Every object the server holds. */
  state() { return this.call("GET", "/__admin/state"); }
}

/** `assistants-mock replay` (and `record`, which replays in its modes that do). */
class CassetteServer extends StartedServer {
  constructor(launched, options) {
    super(launched, options);
    this.cassette = options.cassette;
  }
}

class ReplayServer extends CassetteServer {
  /** Plays from the first recordings again (`name`: one cassette of a directory). */
  async rewind(name) { await this.call("POST", "/__admin/rewind", name === undefined ? {} : { name }); }

  /** Cassette directory: the cassette for requests without an X-Cassette header. */
  useCassette(name) { return this.call("POST", "/__admin/cassette", { name }); }

  /** Cassette directory: the default and every cassette in it. */
  cassettes() { return this.call("GET", "/__admin/cassette"); }
}

/**
 * Starts `assistants-mock serve --port 0` and resolves once it accepts connections.
 * @see index.d.ts for the options.
 */
async function startMock(options = {}) {
  const flags = commonFlags(options);
  if (typeof options.scenario === "string") flags.push("--scenario", path.resolve(options.scenario));
  pushIf(flags, "--seed", options.seed);
  pushIf(flags, "--clock", options.clock);
  if (options.asOf !== undefined) flags.push("--as-of", asOfText(options.asOf));
  pushIf(flags, "--api-key", options.apiKey);
  pushIf(flags, "--admin-token", options.adminToken);
  pushIf(flags, "--run-step-ms", options.runStepMs);
  pushIf(flags, "--poll-after-ms", options.pollAfterMs);
  pushIf(flags, "--journal-size", options.journalSize);
  flags.push(...(options.args ?? []));
  const launched = await launch("serve", flags, options);
  const server = new MockServer(launched, options);
  if (options.scenario && typeof options.scenario === "object") {
    try {
      await server.setScenario(options.scenario);
    } catch (error) {
      await server.stop();
      throw error;
    }
  }
  return server;
}

function matchFlags(flags, options) {
  if (options.matchOn !== undefined) {
    const list = Array.isArray(options.matchOn) ? options.matchOn.join(",") : options.matchOn;
    flags.push("--match-on", list);
  }
  for (const name of options.redactHeaders ?? []) flags.push("--redact-header", name);
  for (const jsonPath of options.redactJsonPaths ?? []) flags.push("--redact-json-path", jsonPath);
}

/** Starts `assistants-mock replay --cassette PATH --port 0`. */
async function startReplay(options) {
  if (!options?.cassette) throw new TypeError("startReplay: the `cassette` option is required");
  const flags = [...commonFlags(options), "--cassette", path.resolve(options.cassette)];
  matchFlags(flags, options);
  pushIf(flags, "--speed", options.speed);
  flags.push(...(options.args ?? []));
  const launched = await launch("replay", flags, options);
  return new ReplayServer(launched, { ...options, cassette: path.resolve(options.cassette) });
}

/**
 * Starts `assistants-mock record --cassette PATH --upstream URL --mode MODE --port 0`. With
 * the default mode `once`, a missing cassette is recorded and an existing one replayed.
 */
async function startRecord(options) {
  if (!options?.cassette) throw new TypeError("startRecord: the `cassette` option is required");
  const flags = [...commonFlags(options), "--cassette", path.resolve(options.cassette)];
  pushIf(flags, "--upstream", options.upstream);
  pushIf(flags, "--mode", options.mode);
  matchFlags(flags, options);
  pushIf(flags, "--ca-file", options.caFile);
  pushIf(flags, "--timeout-ms", options.timeoutMs);
  flags.push(...(options.args ?? []));
  const launched = await launch("record", flags, options);
  return new CassetteServer(launched, { ...options, cassette: path.resolve(options.cassette) });
}

module.exports = {
  startMock,
  startReplay,
  startRecord,
  findBinary,
  AdminClient,
  AdminError,
  BinaryNotFoundError,
  MockServer,
  ReplayServer,
  CassetteServer,
};
