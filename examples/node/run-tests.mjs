// Global setup for node's test runner: start one mock server for the whole suite on a free
// port, hand its URL to the tests through the environment, stop it at the end.
//   ASSISTANTS_MOCK_BIN=/path/to/assistants-mock npm test
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

const bin = process.env.ASSISTANTS_MOCK_BIN ?? "assistants-mock";
const server = spawn(bin, ["serve", "--port", "0", "--seed", "1", "--quiet",
                           "--run-step-ms", "5", "--poll-after-ms", "5"],
                     { stdio: ["ignore", "pipe", "inherit"] });
server.on("error", (error) => {
  console.error(`cannot start ${bin}: ${error.message} (set ASSISTANTS_MOCK_BIN)`);
  process.exit(1);
});

// The server prints one line, "listening on http://127.0.0.1:PORT", once it accepts connections.
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("assistants-mock did not start in 10 s")), 10_000);
  createInterface({ input: server.stdout }).on("line", (line) => {
    const match = /^listening on (\S+)/.exec(line);
    if (match) { clearTimeout(timer); resolve(match[1]); }
  });
});

const health = await fetch(`${url}/__admin/health`);
if (!health.ok) throw new Error(`health check failed: ${health.status}`);

const tests = spawn(process.execPath, ["--test", "test/"], {
  stdio: "inherit",
  env: { ...process.env, MOCK_URL: url },
});
const [code] = await once(tests, "exit");
server.kill("SIGTERM");
await once(server, "exit");
process.exit(code ?? 1);
