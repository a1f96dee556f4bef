// Failures at start-up are errors that say why, never hangs and never servers left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startMock, startReplay, findBinary, BinaryNotFoundError } from "assistants-mock";

const packageDir = path.dirname(createRequire(import.meta.url).resolve("assistants-mock/package.json"));

test("no binary anywhere: the error names the option, the variable, PATH and the repository's build", async () => {
  // A copy of the package outside the repository, so that its build is not there either.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "am-nobin-"));
  const copy = path.join(root, "clients", "node");
  fs.mkdirSync(copy, { recursive: true });
  for (const file of ["index.cjs", "package.json"]) {
    fs.copyFileSync(path.join(packageDir, file), path.join(copy, file));
  }
  const lib = createRequire(import.meta.url)(path.join(copy, "index.cjs"));
  const saved = { PATH: process.env.PATH, BIN: process.env.ASSISTANTS_MOCK_BIN };
  process.env.PATH = root;
  delete process.env.ASSISTANTS_MOCK_BIN;
  try {
    await assert.rejects(lib.startMock(), (error) => {
      assert.equal(error.name, "BinaryNotFoundError");
      assert.match(error.message, /`binary` option/);
      assert.match(error.message, /ASSISTANTS_MOCK_BIN/);
      assert.match(error.message, /PATH/);
      assert.match(error.message, /this repository's build/);
      assert.ok(error.message.includes(path.join(root, "build", "release", "bin", "assistants-mock")));
      return true;
    });
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.BIN !== undefined) process.env.ASSISTANTS_MOCK_BIN = saved.BIN;
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("a binary option naming nothing is an error, not a reason to look elsewhere", async () => {
  await assert.rejects(startMock({ binary: "/nonexistent/assistants-mock" }), (error) => {
    assert.ok(error instanceof BinaryNotFoundError);
    assert.match(error.message, /\/nonexistent\/assistants-mock/);
    return true;
  });
});

test("asOf maps to --as-of; a server without the flag rejects with its own message, at once", async () => {
  const help = execFileSync(findBinary(), ["serve", "--help"], { encoding: "utf8" });
  const started = Date.now();
  if (help.includes("--as-of")) {
    const mock = await startMock({ asOf: "2024-04-16" });
    await mock.stop();
    return;
  }
  await assert.rejects(startMock({ asOf: new Date("2024-04-16T00:00:00Z") }), (error) => {
    assert.match(error.message, /exited with status 2 before it was ready/);
    assert.match(error.message, /--as-of/, "the server's own stderr is in the message");
    return true;
  });
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
});

test("a scenario file the server refuses: the server's message", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "am-bad-scenario-"));
  const file = path.join(dir, "bad.json");
  fs.writeFileSync(file, JSON.stringify({ rules: [{ then: [{ nonsense: true }] }] }));
  try {
    await assert.rejects(startMock({ scenario: file }), /invalid scenario/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a scenario object the server refuses: the 400, and the server is stopped", async () => {
  await assert.rejects(startMock({ scenario: { rules: "not a list" } }), (error) => {
    assert.equal(error.name, "AdminError");
    assert.equal(error.status, 400);
    return true;
  });
});

test("startReplay of a cassette that does not exist: the server's message", async () => {
  await assert.rejects(startReplay({ cassette: "/nonexistent/cassette.json" }),
                       /exited with status \d+ before it was ready[\s\S]*nonexistent/);
});
