// The watchdog between a test process and the server it started.
//   node watchdog.cjs GRACE_MS BINARY ARGS...
// It runs BINARY ARGS with its own stdout and stderr (the test process's pipes) and stops it
// (SIGTERM, then SIGKILL after GRACE_MS) as soon as its standard input ends. Its standard input
// is a pipe from the test process, so it ends when stop() closes it and also when the test
// process dies in any way, SIGKILL included: the kernel closes the pipe for it. The watchdog
// exits with the server's status (128 + signal number when a signal ended it).
"use strict";
const { spawn } = require("node:child_process");
const { constants } = require("node:os");

const [graceText, binary, ...args] = process.argv.slice(2);
const graceMs = Number(graceText);

const server = spawn(binary, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;

function stop(signal) {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
  setTimeout(() => server.kill("SIGKILL"), graceMs);
}

server.on("error", (error) => {
  process.stderr.write(`assistants-mock: cannot run ${binary}: ${error.message}\n`);
  process.exit(127);
});
server.on("exit", (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});

process.stdin.on("end", () => stop("SIGTERM"));
process.stdin.on("close", () => stop("SIGTERM"));
process.stdin.on("error", () => stop("SIGTERM"));
process.stdin.resume();
// Ctrl-C reaches the whole process group; pass a signal meant for us on to the server too.
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGHUP", () => stop("SIGTERM"));
