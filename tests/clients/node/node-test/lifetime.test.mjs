// A server is never left running: whatever way the test process ends, the server goes with it.
// Each case runs a small Node program that starts a server, prints its URL and pid, and ends
// as named; the test then checks that the port closes and the server's process is gone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { readFileSync } from "node:fs";

const program = (ending) => `
  const { startMock } = require("assistants-mock");
  startMock().then((mock) => {
    console.log(JSON.stringify({ url: mock.url, pid: mock.pid }));
    ${ending}
  });`;

const endings = {
  "returns without stop() (the event loop empties)": "",
  "calls process.exit()": "setTimeout(() => process.exit(3), 50);",
  "throws an uncaught exception": "setTimeout(() => { throw new Error('boom'); }, 50);",
  "is killed with SIGKILL": "setTimeout(() => process.kill(process.pid, 'SIGKILL'), 50);",
  "is killed with SIGTERM": "setTimeout(() => process.kill(process.pid, 'SIGTERM'), 50);",
};

async function gone(url, pid, withinMs) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    let portOpen = true;
    try { await fetch(`${url}/__admin/health`); } catch { portOpen = false; }
    let alive = true;
    try {
      // A zombie nobody has reaped yet counts as gone.
      alive = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").pop()[0] !== "Z";
    } catch { alive = false; }
    if (!portOpen && !alive) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const [name, ending] of Object.entries(endings)) {
  test(`the test process ${name}: the server stops`, async () => {
    const child = spawn(process.execPath, ["-e", program(ending)], { stdio: ["ignore", "pipe", "pipe"] });
    const [line] = await once(createInterface({ input: child.stdout }), "line");
    const { url, pid } = JSON.parse(line);
    await once(child, "exit");
    assert.ok(await gone(url, pid, 5000), `server at ${url} (pid ${pid}) still running`);
  });
}
