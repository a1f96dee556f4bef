"""Start assistants-mock (serve, replay, record) from Python tests on a free port.

    from assistants_mock import start_mock
    with start_mock(scenario="scenarios/seed_article.json", seed=1) as mock:
        ...  # mock.base_url is the SDK's base_url; mock.count(...), mock.advance_clock(...)

Standard library only. A server is never left running: stop() is idempotent, an atexit hook
stops what is still running when the interpreter exits, and on Linux the server gets SIGTERM
from the kernel when the process that started it dies in any way (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

__all__ = [
    "AdminClient",
    "AdminError",
    "BinaryNotFoundError",
    "MockServer",
    "ReplayServer",
    "Server",
    "StartError",
    "find_binary",
    "start_mock",
    "start_record",
    "start_replay",
]

BINARY_NAME = "assistants-mock"
ENV_BINARY = "ASSISTANTS_MOCK_BIN"
_STDERR_KEPT = 64 * 1024
# This package inside a clone of the repository: clients/python/assistants_mock -> the builds.
_REPO_ROOT = Path(__file__).resolve().parent.parent.parent.parent
_REPO_BUILDS = [_REPO_ROOT / d / "bin" / BINARY_NAME for d in ("build/release", "build/test", "build")]

PathLike = Union[str, os.PathLike]


class BinaryNotFoundError(FileNotFoundError):
    """No assistants-mock binary: the message names the four places looked in."""


class StartError(RuntimeError):
    """The server exited (or said nothing) before it was ready; the message has its stderr."""


class AdminError(RuntimeError):
    """A non-2xx answer of the admin API."""

    def __init__(self, method: str, path: str, status: int, body: str):
        super().__init__(f"{method} {path} answered {status}: {body}")
        self.status = status
        self.body = body


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_binary(binary: Optional[PathLike] = None) -> str:
    """The binary to run: `binary`, else $ASSISTANTS_MOCK_BIN, else PATH, else this repository's
    build (build/release, build/test, build). A place that is named but holds no executable is an
    error, not a reason to look further."""
    if binary is not None:
        if _executable(Path(binary)):
            return str(Path(binary).resolve())
        raise BinaryNotFoundError(f"assistants-mock: the binary argument names {binary}, which is not an executable file.")
    from_env = os.environ.get(ENV_BINARY)
    if from_env:
        if _executable(Path(from_env)):
            return str(Path(from_env).resolve())
        raise BinaryNotFoundError(f"assistants-mock: {ENV_BINARY}={from_env} is not an executable file.")
    on_path = shutil.which(BINARY_NAME)
    if on_path:
        return on_path
    for candidate in _REPO_BUILDS:
        if _executable(candidate):
            return str(candidate)
    raise BinaryNotFoundError(
        "assistants-mock: cannot find the assistants-mock binary. Looked in, in order:\n"
        "  1. the binary argument / --assistants-mock-bin (not given)\n"
        f"  2. the {ENV_BINARY} environment variable (not set)\n"
        f"  3. PATH (no {BINARY_NAME} in {os.environ.get('PATH', '')})\n"
        f"  4. this repository's build ({', '.join(map(str, _REPO_BUILDS))}: none there)\n"
        "Build it (scripts/serve, or cmake --build build/release --target assistants-mock), install the "
        f".deb, or set {ENV_BINARY}=/path/to/assistants-mock."
    )


def _die_with_parent(parent_pid: int):
    """preexec_fn (Linux): SIGTERM to the server when the process that started it dies."""

    def set_death_signal() -> None:
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        except Exception:  # noqa: BLE001 - no prctl: atexit is all there is
            return
        if os.getppid() != parent_pid:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return set_death_signal


_running: "set[Server]" = set()
_running_lock = threading.Lock()


@atexit.register
def _stop_all() -> None:
    with _running_lock:
        servers = list(_running)
    for server in servers:
        server.stop()


class AdminClient:
    """The admin API (/__admin) of any of the three commands."""

    def __init__(self, url: str, admin_token: Optional[str] = None, timeout: float = 30.0):
        self.url = url.rstrip("/")
        self.admin_token = admin_token
        self.timeout = timeout

    def call(self, method: str, path: str, body: Any = None) -> Any:
        headers = {}
        data = None
        if self.admin_token:
            headers["X-Admin-Token"] = self.admin_token
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        elif method in ("POST", "PUT"):
            data = b""  # the server wants a body or Content-Length: 0 on POST
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = response.read().decode()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            raise AdminError(method, path, error.code, error.read().decode()) from None
        return json.loads(text) if "json" in kind else text

    def health(self) -> dict:
        return self.call("GET", "/__admin/health")

    def requests(self, method: Optional[str] = None, path: Optional[str] = None, path_regex: Optional[str] = None,
                 status: Optional[int] = None, since: Optional[int] = None, limit: Optional[int] = None) -> list:
        """The journal's entries, oldest first. For body or query patterns use count()."""
        query = _journal_query(method=method, path=path, path_regex=path_regex, status=status, since=since,
                               limit=limit)
        return self.call("GET", "/__admin/requests" + query)["entries"]

    def count(self, **pattern: Any) -> int:
        """How many journal entries match: method, path (glob), path_regex, query, body (partial JSON), status."""
        return self.call("POST", "/__admin/requests/count", pattern)["count"]

    def unmatched(self, **pattern: Any) -> list:
        """Requests nothing served (unknown route, replay miss), each with its near_miss."""
        return self.call("GET", "/__admin/requests/unmatched" + _journal_query(**pattern))["entries"]

    def clear_requests(self) -> None:
        self.call("DELETE", "/__admin/requests")

    def metrics(self) -> str:
        return self.call("GET", "/__admin/metrics")


def _journal_query(**pattern: Any) -> str:
    params = {k: str(v) for k, v in pattern.items() if v is not None}
    return "?" + urllib.parse.urlencode(params) if params else ""


class Server(AdminClient):
    """A started server: url, base_url (the SDK's), port, its admin API, stop()."""

    def __init__(self, process: subprocess.Popen, url: str, output: "_Output", binary: str,
                 admin_token: Optional[str], stop_grace: float):
        super().__init__(url, admin_token)
        self.base_url = self.url + "/v1"
        self.port = urllib.parse.urlsplit(self.url).port
        self.binary = binary
        self.process = process
        self.pid = process.pid
        self._output = output
        self._stop_grace = stop_grace
        self._stop_lock = threading.Lock()
        self._exit: Optional[int] = None
        with _running_lock:
            _running.add(self)

    @property
    def stderr(self) -> str:
        """The server's stderr so far (its last 64 KiB)."""
        return self._output.stderr()

    def stop(self) -> int:
        """SIGTERM (record saves its cassette), SIGKILL after the grace period; returns the exit
        status. Idempotent."""
        with self._stop_lock:
            if self._exit is None:
                self._exit = _terminate(self.process, self._stop_grace)
                self._output.join()
                with _running_lock:
                    _running.discard(self)
            return self._exit

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


class MockServer(Server):
    """`assistants-mock serve`."""

    api_key = "sk-test"

    def reset(self) -> None:
        """Removes every object, restarts the id sequence, clears faults and rule counts."""
        self.call("POST", "/__admin/reset")

    def advance_clock(self, seconds: float) -> dict:
        return self.call("POST", "/__admin/clock/advance", {"seconds": seconds})

    def clock(self) -> dict:
        return self.call("GET", "/__admin/clock")

    def set_scenario(self, scenario: Mapping[str, Any]) -> Any:
        return self.call("PUT", "/__admin/scenario", scenario)

    def scenario(self) -> Any:
        return self.call("GET", "/__admin/scenario")

    def clear_scenario(self) -> None:
        self.call("DELETE", "/__admin/scenario")

    def inject_fault(self, fault: Optional[Mapping[str, Any]] = None, **fields: Any) -> dict:
        """The next `count` requests matching method and path (glob) answer `status` (with
        `body`, `headers`)."""
        return self.call("POST", "/__admin/faults", {**(fault or {}), **fields})

    def faults(self) -> Any:
        return self.call("GET", "/__admin/faults")

    def clear_faults(self) -> None:
        self.call("DELETE", "/__admin/faults")

    def state(self) -> dict:
        return self.call("GET", "/__admin/state")


class ReplayServer(Server):
    """`assistants-mock replay` (and `record`, which replays in the modes that do)."""

    cassette: str = ""

    def rewind(self, name: Optional[str] = None) -> None:
        self.call("POST", "/__admin/rewind", {} if name is None else {"name": name})

    def use_cassette(self, name: str) -> Any:
        return self.call("POST", "/__admin/cassette", {"name": name})

    def cassettes(self) -> Any:
        return self.call("GET", "/__admin/cassette")


class _Output:
    """Reads the server's stdout (for "listening on URL") and keeps the tail of its stderr."""

    def __init__(self, process: subprocess.Popen, log: bool):
        self.url: Optional[str] = None
        self.ready = threading.Event()
        self._stderr = ""
        self._lock = threading.Lock()
        self._log = log
        self._threads = [
            threading.Thread(target=self._read_stdout, args=(process.stdout,), daemon=True),
            threading.Thread(target=self._read_stderr, args=(process.stderr,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _read_stdout(self, stream) -> None:
        for raw in stream:
            line = raw.decode(errors="replace")
            if self._log:
                sys.stderr.write(line)
            match = re.match(r"listening on (\S+)", line)
            if match and self.url is None:
                self.url = match.group(1)
                self.ready.set()
        self.ready.set()  # stdout closed: the server is gone

    def _read_stderr(self, stream) -> None:
        for raw in stream:
            line = raw.decode(errors="replace")
            if self._log:
                sys.stderr.write(line)
            with self._lock:
                self._stderr = (self._stderr + line)[-_STDERR_KEPT:]

    def stderr(self) -> str:
        with self._lock:
            return self._stderr

    def join(self, timeout: float = 5.0) -> None:
        for thread in self._threads:
            thread.join(timeout)


def _terminate(process: subprocess.Popen, grace: float) -> int:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()


def _stderr_note(text: str) -> str:
    text = text.strip()
    return f"\nIts stderr:\n{text}" if text else " It printed nothing on stderr."


def _launch(server_class, command: str, flags: Sequence[str], *, binary: Optional[PathLike], quiet: bool,
            host: Optional[str], args: Iterable[str], env: Optional[Mapping[str, str]], log: bool,
            start_timeout: float, stop_grace: float, admin_token: Optional[str]):
    executable = find_binary(binary)
    argv = [executable, command, "--port", "0", *flags, *args]
    if host is not None:
        argv += ["--host", host]
    if quiet:
        argv.append("--quiet")
    process = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        preexec_fn=_die_with_parent(os.getpid()) if sys.platform.startswith("linux") else None,
    )
    output = _Output(process, log)
    output.ready.wait(start_timeout)
    if output.url is None:
        if process.poll() is None and not output.ready.is_set():
            _terminate(process, 1.0)
            output.join()
            raise StartError(f"assistants-mock: {' '.join(argv)} did not print \"listening on URL\" within "
                             f"{start_timeout} s.{_stderr_note(output.stderr())}")
        status = process.wait()
        output.join()
        raise StartError(f"assistants-mock: {' '.join(argv)} exited with status {status} before it was ready."
                         f"{_stderr_note(output.stderr())}")
    return server_class(process, output.url, output, executable, admin_token, stop_grace)


def _as_of_text(value: Union[str, date, datetime]) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def start_mock(scenario: Union[PathLike, Mapping[str, Any], None] = None, *, seed: Optional[int] = None,
               clock: Optional[str] = None, as_of: Union[str, date, None] = None, api_key: Optional[str] = None,
               binary: Optional[PathLike] = None, run_step_ms: Optional[int] = None,
               poll_after_ms: Optional[int] = None, admin_token: Optional[str] = None,
               journal_size: Optional[int] = None, host: Optional[str] = None, quiet: bool = True,
               args: Iterable[str] = (), env: Optional[Mapping[str, str]] = None, log: bool = False,
               start_timeout: float = 10.0, stop_grace: float = 15.0) -> MockServer:
    """Starts `assistants-mock serve --port 0` and returns once it accepts connections.

    scenario: a scenario file, or a scenario as a dict (set through PUT /__admin/scenario).
    clock: "manual" (time moves only through advance_clock()) or "real".
    as_of: passed as --as-of DATE; needs a server that has --as-of (one that refuses it makes
    start_mock raise StartError with the server's own message).
    """
    flags: list = []
    if isinstance(scenario, (str, os.PathLike)):
        flags += ["--scenario", str(Path(scenario).resolve())]
    for flag, value in (("--seed", seed), ("--clock", clock), ("--api-key", api_key),
                        ("--admin-token", admin_token), ("--run-step-ms", run_step_ms),
                        ("--poll-after-ms", poll_after_ms), ("--journal-size", journal_size)):
        if value is not None:
            flags += [flag, str(value)]
    if as_of is not None:
        flags += ["--as-of", _as_of_text(as_of)]
    server = _launch(MockServer, "serve", flags, binary=binary, quiet=quiet, host=host, args=args, env=env,
                     log=log, start_timeout=start_timeout, stop_grace=stop_grace, admin_token=admin_token)
    if api_key is not None:
        server.api_key = api_key
    if isinstance(scenario, Mapping):
        try:
            server.set_scenario(scenario)
        except BaseException:
            server.stop()
            raise
    return server


def _match_flags(match_on, redact_headers, redact_json_paths) -> list:
    flags: list = []
    if match_on is not None:
        flags += ["--match-on", match_on if isinstance(match_on, str) else ",".join(match_on)]
    for name in redact_headers or ():
        flags += ["--redact-header", name]
    for json_path in redact_json_paths or ():
        flags += ["--redact-json-path", json_path]
    return flags


def start_replay(cassette: PathLike, *, match_on: Union[str, Sequence[str], None] = None,
                 speed: Optional[float] = None, redact_headers: Sequence[str] = (),
                 redact_json_paths: Sequence[str] = (), binary: Optional[PathLike] = None,
                 host: Optional[str] = None, quiet: bool = True, args: Iterable[str] = (),
                 env: Optional[Mapping[str, str]] = None, log: bool = False, start_timeout: float = 10.0,
                 stop_grace: float = 15.0) -> ReplayServer:
    """Starts `assistants-mock replay --cassette PATH --port 0` (a file or a directory)."""
    path = str(Path(cassette).resolve())
    flags = ["--cassette", path, *_match_flags(match_on, redact_headers, redact_json_paths)]
    if speed is not None:
        flags += ["--speed", str(speed)]
    server = _launch(ReplayServer, "replay", flags, binary=binary, quiet=quiet, host=host, args=args, env=env,
                     log=log, start_timeout=start_timeout, stop_grace=stop_grace, admin_token=None)
    server.cassette = path
    return server


def start_record(cassette: PathLike, *, upstream: Optional[str] = None, mode: Optional[str] = None,
                 match_on: Union[str, Sequence[str], None] = None, redact_headers: Sequence[str] = (),
                 redact_json_paths: Sequence[str] = (), ca_file: Optional[PathLike] = None,
                 binary: Optional[PathLike] = None, host: Optional[str] = None, quiet: bool = True,
                 args: Iterable[str] = (), env: Optional[Mapping[str, str]] = None, log: bool = False,
                 start_timeout: float = 10.0, stop_grace: float = 15.0) -> ReplayServer:
    """Starts `assistants-mock record`. With mode "once" (the server's default) a missing
    cassette is recorded from the upstream and an existing one replayed."""
    path = str(Path(cassette).resolve())
    flags = ["--cassette", path, *_match_flags(match_on, redact_headers, redact_json_paths)]
    if upstream is not None:
        flags += ["--upstream", upstream]
    if mode is not None:
        flags += ["--mode", mode]
    if ca_file is not None:
        flags += ["--ca-file", str(ca_file)]
    server = _launch(ReplayServer, "record", flags, binary=binary, quiet=quiet, host=host, args=args, env=env,
                     log=log, start_timeout=start_timeout, stop_grace=stop_grace, admin_token=None)
    server.cassette = path
    return server


def wait_for(predicate, timeout: float = 5.0, interval: float = 0.01):
    """Calls predicate until it returns something true, or raises TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true within {timeout} s")
        time.sleep(interval)
