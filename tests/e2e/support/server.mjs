// Starts the built assistants-mock binary on an ephemeral port and hands back its base URL.
//
// The binary comes from the ASSISTANTS_MOCK_BIN environment variable (CTest sets it to
// $<TARGET_FILE:assistants-mock>). The server prints exactly one line
// `listening on http://127.0.0.1:PORT` on stdout once it accepts connections and stops on SIGTERM.

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import OpenAI from './openai.mjs';

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const LISTENING_RE = /^listening on (http:\/\/\S+)\s*$/m;

/** The path of the server binary, or a thrown Error saying how to provide it. */
export function mockBinary() {
  const bin = process.env.ASSISTANTS_MOCK_BIN;
  if (!bin) {
    throw new Error(
      'ASSISTANTS_MOCK_BIN is not set. Point it at the built server, e.g. ' +
        'ASSISTANTS_MOCK_BIN=build/bin/assistants-mock (ctest -L e2e sets it for you).',
    );
  }
  try {
    accessSync(bin, constants.X_OK);
  } catch (error) {
    throw new Error(
      `ASSISTANTS_MOCK_BIN=${bin} is missing or not executable (${error.code ?? error.message}). ` +
        'Build it first: cmake --build build',
    );
  }
  return bin;
}

/**
 * Start `assistants-mock serve --port 0 --seed 42 --run-step-ms 5 --poll-after-ms 5`.
 *
 * @param {object} [options]
 * @param {number} [options.runStepMs=5]   milliseconds between two run transitions
 * @param {number} [options.pollAfterMs=5] value of the openai-poll-after-ms header
 * @param {number} [options.seed=42]
 * @param {string} [options.apiKey]        accept only this key (--api-key)
 * @param {string[]} [options.extraArgs]
 * @returns {Promise<{url: string, baseURL: string, stderr: () => string, stop: () => Promise<void>}>}
 *   `url` is the server root as printed; `baseURL` adds `/v1` for the SDK.
 */
export async function startServer(options = {}) {
  const { runStepMs = 5, pollAfterMs = 5, seed = 42, apiKey, extraArgs = [] } = options;
  const bin = mockBinary();
  const args = [
    'serve',
    '--port', '0',
    '--seed', String(seed),
    '--run-step-ms', String(runStepMs),
    '--poll-after-ms', String(pollAfterMs),
  ];
  if (apiKey !== undefined) args.push('--api-key', apiKey);
  args.push(...extraArgs);

  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });

  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const describe = () => `${bin} ${args.join(' ')}`;

  let url;
  try {
    url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`server did not print "listening on" within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      const onData = (chunk) => {
        stdout += chunk;
        const match = LISTENING_RE.exec(stdout);
        if (match) {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`could not start the server: ${error.message}`));
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited before listening (code ${code}, signal ${signal})`));
      });
    });
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    // Give the stderr pipe a moment to drain so the message carries the server's own words.
    await Promise.race([exited, delay(200)]);
    throw new Error(
      `${error.message}\n  command: ${describe()}\n  stdout: ${stdout.trim() || '(empty)'}\n` +
        `  stderr: ${stderr.trim() || '(empty)'}`,
    );
  }
  // Keep draining stdout so the server never blocks on a full pipe.
  child.stdout.resume();

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const result = await Promise.race([exited, delay(STOP_TIMEOUT_MS).then(() => null)]);
      if (result === null) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(
          `server did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM; killed.\n  stderr: ${stderr.trim()}`,
        );
      }
    })();
    return stopping;
  };

  return { url, baseURL: `${url.replace(/\/+$/, '')}/v1`, stderr: () => stderr, stop, process: child };
}

/** An SDK client for a started server. Extra options (apiKey, maxRetries, ...) override the defaults. */
export function clientFor(server, options = {}) {
  return new OpenAI({ baseURL: server.baseURL, apiKey: 'sk-test', maxRetries: 0, timeout: 15_000, ...options });
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
