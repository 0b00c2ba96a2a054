"""Run a real Neo4j Community 5.26 server for the test suite.

Neo4j is not packaged in Debian and no container engine is available, so the
server is assembled from Maven Central: ``tests/neo4j_server/pom.xml`` pins
``org.neo4j:neo4j`` and Maven copies its jars into a cache outside the
repository. The server is then started with its own entry point,
``org.neo4j.server.CommunityEntryPoint``, on that classpath, with a generated
``neo4j.conf`` (Bolt only, on 127.0.0.1 and a free port, auth on with a known
password) and its data and logs in a temporary directory.

This module is a pytest plugin (loaded through ``pytest_plugins``) that
provides three fixtures:

``neo4j_server``
    Session scoped. A :class:`Neo4jConnection` to the server named by
    ``NEO4J_URI`` (with ``NEO4J_USER``, default ``neo4j``, and
    ``NEO4J_PASSWORD``) or, when that is unset, to a local server started for
    the session and stopped at its end.
``neo4j_driver``
    Session scoped. A ``neo4j.Driver`` connected to ``neo4j_server``.
``neo4j_clean``
    Function scoped. The same driver, after all nodes, constraints and
    indexes (other than the built-in lookup indexes) have been removed.

When no server can be had the fixtures skip the test, or fail it when
``MINERALGRAPH_REQUIRE_NEO4J=1`` (as CI sets), so that a broken setup cannot
pass silently.

Run ``python tests/neo4j_harness.py --fetch`` to download the jars only, e.g.
to warm the cache before the test run.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import neo4j
import pytest
from neo4j.exceptions import AuthError, DriverError, Neo4jError

POM = Path(__file__).resolve().parent / "neo4j_server" / "pom.xml"
DEFAULT_CACHE = "~/.cache/mineralgraph/neo4j-5.26"
MARKER = ".complete"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
TEST_USER = "neo4j"
TEST_PASSWORD = "mineralgraph-test"
FETCH_TIMEOUT_S = 1800.0
DEFAULT_START_TIMEOUT_S = 180.0
LOG_TAIL_LINES = 40
PR_SET_PDEATHSIG = 1
# Heap as asked for a small test server; the other flags are the ones Neo4j's
# own launcher and default neo4j.conf pass to the JVM, which we bypass.
JVM_OPTIONS = (
    "-Xms128m",
    "-Xmx512m",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


class Neo4jUnavailableError(RuntimeError):
    """Raised when the jars cannot be fetched or the server does not come up."""


@dataclass(frozen=True)
class Neo4jConnection:
    """Where a Neo4j server listens and how to log in to it.

    Attributes
    ----------
    uri : str
        Bolt URI, e.g. ``bolt://127.0.0.1:7687``.
    user : str
        User name.
    password : str
        Password of ``user``.
    """

    uri: str
    user: str
    password: str

    @property
    def auth(self) -> tuple[str, str]:
        """Return ``(user, password)`` as the driver's ``auth`` argument expects."""
        return (self.user, self.password)


def cache_dir() -> Path:
    """Return the jar cache directory.

    It lives outside the repository so that it survives fresh clones and is
    shared by every checkout on the machine; ``MINERALGRAPH_NEO4J_CACHE``
    overrides the default ``~/.cache/mineralgraph/neo4j-5.26``.
    """
    return Path(os.environ.get("MINERALGRAPH_NEO4J_CACHE", DEFAULT_CACHE)).expanduser()


def _pom_digest() -> str:
    """Return a digest of the pom, so that editing it invalidates the cache."""
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """Return the last ``lines`` lines of ``path``, or a note that it is missing."""
    if not path.exists():
        return f"({path} does not exist)"
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory`` so that concurrent fetches do not mix."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _jars_complete(lib: Path) -> bool:
    """Tell whether ``lib`` holds a complete copy made from the current pom."""
    marker = lib / MARKER
    return marker.exists() and marker.read_text().strip() == _pom_digest()


def _copy_dependencies(lib: Path) -> None:
    """Run Maven to copy the server jars into ``lib``."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jUnavailableError(
            "Maven (mvn) is not on PATH; it is needed to fetch the Neo4j jars"
        )
    command = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={lib}",
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=FETCH_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise Neo4jUnavailableError(f"Maven took more than {FETCH_TIMEOUT_S:.0f} s") from exc
    if result.returncode != 0:
        output = "\n".join((result.stdout + result.stderr).splitlines()[-LOG_TAIL_LINES:])
        raise Neo4jUnavailableError(f"Maven failed ({result.returncode}):\n{output}")


def fetch_jars() -> Path:
    """Make sure the Neo4j server jars are in the cache and return their directory.

    Maven is skipped when a marker written after a complete copy matches the
    current pom; otherwise the directory is emptied and filled again, so that
    an interrupted copy is never used.

    Returns
    -------
    pathlib.Path
        The directory holding the jars (``<cache>/lib``).

    Raises
    ------
    Neo4jUnavailableError
        If Maven is missing or fails.
    """
    cache = cache_dir()
    lib = cache / "lib"
    with _locked(cache):
        if _jars_complete(lib):
            return lib
        shutil.rmtree(lib, ignore_errors=True)
        _copy_dependencies(lib)
        (lib / MARKER).write_text(_pom_digest() + "\n")
    return lib


def _java() -> str:
    """Return the java executable, preferring ``$JAVA_HOME/bin/java``."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise Neo4jUnavailableError(
            "java is not on PATH and JAVA_HOME is unset; Neo4j needs Java 17+"
        )
    return java


def _free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free at the time of the call."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _config(port: int, home: Path) -> str:
    """Return the ``neo4j.conf`` text for a Bolt-only test server on ``port``."""
    settings = {
        "server.directories.data": home / "data",
        "server.directories.logs": home / "logs",
        # LOAD CSV FROM 'file:///...' resolves under this empty folder, never /etc; Neo4j
        # Community has no setting that stops LOAD CSV from fetching http(s) URLs, so
        # `mineralgraph cypher` refuses LOAD CSV itself unless --write is given.
        "server.directories.import": home / "import",
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.memory.pagecache.size": "64m",
        "dbms.usage_report.enabled": "false",
        "db.logs.query.enabled": "OFF",
        # Without this, Bolt's Netty shutdown waits two 5 s quiet periods at every stop.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
    }
    return "".join(f"{key}={value}\n" for key, value in settings.items())


class Neo4jServer:
    """A Neo4j Community server running from the cached jars.

    Parameters
    ----------
    password : str
        Initial password of the ``neo4j`` user, set before the first start.
    start_timeout : float, optional
        Seconds to wait for the server to accept a Bolt login. Defaults to
        ``MINERALGRAPH_NEO4J_START_TIMEOUT`` or 180.

    Attributes
    ----------
    uri : str
        Bolt URI, set by :meth:`start`.
    user : str
        Always ``neo4j``.
    password : str
        The password given.
    home : pathlib.Path or None
        Temporary directory with the config, data and logs while running.
    """

    def __init__(self, password: str = TEST_PASSWORD, start_timeout: float | None = None):
        self.user = TEST_USER
        self.password = password
        self.uri = ""
        self.home: Path | None = None
        env_timeout = os.environ.get("MINERALGRAPH_NEO4J_START_TIMEOUT")
        self.start_timeout = start_timeout or float(env_timeout or DEFAULT_START_TIMEOUT_S)
        self._process: subprocess.Popen[bytes] | None = None
        #: Directory the server's temporary home is made in (None: the system's temp dir).
        self.parent_dir: Path | None = None

    @property
    def connection(self) -> Neo4jConnection:
        """Return the URI and credentials of the running server."""
        return Neo4jConnection(self.uri, self.user, self.password)

    def start(self) -> Neo4jServer:
        """Fetch the jars if needed, start the server and wait until it accepts logins.

        Returns
        -------
        Neo4jServer
            ``self``, started.

        Raises
        ------
        Neo4jUnavailableError
            If the jars cannot be fetched or the server does not come up in
            time; the message ends with the tail of the server's logs.
        """
        lib = fetch_jars()
        java = _java()
        self.home = Path(tempfile.mkdtemp(prefix="mineralgraph-neo4j-", dir=self.parent_dir))
        port = _free_port()
        self.uri = f"bolt://127.0.0.1:{port}"
        try:
            self._write_config(port)
            self._set_initial_password(java, lib)
            self._launch(java, lib)
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 60 s) and delete its directory."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.home is not None:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None

    def __enter__(self) -> Neo4jServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _conf_dir(self) -> Path:
        assert self.home is not None
        return self.home / "conf"

    def _env(self) -> dict[str, str]:
        """Return the environment that points Neo4j's tools at our home and config."""
        assert self.home is not None
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self._conf_dir())}

    def _write_config(self, port: int) -> None:
        """Write ``conf/neo4j.conf`` into the server's home."""
        assert self.home is not None
        self._conf_dir().mkdir()
        (self.home / "import").mkdir()
        (self._conf_dir() / "neo4j.conf").write_text(_config(port, self.home))

    def _set_initial_password(self, java: str, lib: Path) -> None:
        """Set the ``neo4j`` password with ``neo4j-admin dbms set-initial-password``.

        Run through ``AdminTool`` directly (what the ``neo4j-admin`` script
        ends up running) so that the server starts with auth on and no forced
        password change, which lets the tests check the bad-credentials path.
        """
        command = [
            java,
            "-cp",
            f"{lib}/*",
            ADMIN_TOOL,
            "dbms",
            "set-initial-password",
            self.password,
        ]
        result = subprocess.run(
            command, env=self._env(), capture_output=True, text=True, timeout=300, check=False
        )
        if result.returncode != 0:
            raise Neo4jUnavailableError(
                f"neo4j-admin dbms set-initial-password failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}"
            )

    def _launch(self, java: str, lib: Path) -> None:
        """Start the server process; its console output goes to ``console.log``."""
        assert self.home is not None
        command = [
            java,
            *JVM_OPTIONS,
            "-cp",
            f"{lib}/*",
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self._conf_dir()}",
        ]
        with open(self.home / "console.log", "wb") as console:
            self._process = subprocess.Popen(
                command,
                env=self._env(),
                stdin=subprocess.DEVNULL,
                stdout=console,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )

    def _wait_until_ready(self) -> None:
        """Poll with the Python driver until a login succeeds or the deadline passes."""
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise Neo4jUnavailableError(
                    f"Neo4j exited with code {self._process.returncode}\n{self.log_tail()}"
                )
            if self._accepts_login():
                return
            time.sleep(0.5)
        raise Neo4jUnavailableError(
            f"Neo4j did not accept a login within {self.start_timeout:.0f} s\n{self.log_tail()}"
        )

    def _accepts_login(self) -> bool:
        """Tell whether the server accepts our login; a rejected password is fatal."""
        try:
            return _can_log_in(self.connection)
        except AuthError as exc:
            raise Neo4jUnavailableError(f"Neo4j rejected the test password: {exc}") from exc

    def log_tail(self) -> str:
        """Return the last lines of the server's console output and ``neo4j.log``."""
        if self.home is None:
            return "(no server directory)"
        parts = []
        for path in (self.home / "console.log", self.home / "logs" / "neo4j.log"):
            parts.append(f"--- tail of {path.name} ---\n{_tail(path)}")
        return "\n".join(parts)


def _die_with_parent() -> None:
    """Have Linux send SIGTERM to the server if the test process dies first.

    Runs in the child between fork and exec, so that a killed pytest (e.g. on
    a CI timeout) does not leave an orphan server holding memory and a port.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _can_log_in(connection: Neo4jConnection) -> bool:
    """Tell whether the server at ``connection`` accepts a login now.

    Raises
    ------
    neo4j.exceptions.AuthError
        If the server is up but rejects the credentials: waiting will not help.
    """
    try:
        with neo4j.GraphDatabase.driver(
            connection.uri, auth=connection.auth, connection_timeout=5
        ) as driver:
            driver.verify_connectivity()
        return True
    except AuthError:
        raise
    except (DriverError, Neo4jError, OSError):
        return False


def _unavailable(reason: str) -> NoReturn:
    """Skip the test, or fail it when ``MINERALGRAPH_REQUIRE_NEO4J=1``."""
    if os.environ.get("MINERALGRAPH_REQUIRE_NEO4J") == "1":
        pytest.fail(f"Neo4j is required (MINERALGRAPH_REQUIRE_NEO4J=1): {reason}", pytrace=False)
    pytest.skip(f"no Neo4j server: {reason}")


def _external_connection() -> Neo4jConnection | None:
    """Return the server named by ``NEO4J_URI``, or None when it is unset."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jConnection(
        uri, os.environ.get("NEO4J_USER", TEST_USER), os.environ.get("NEO4J_PASSWORD", "")
    )


def _check_external(connection: Neo4jConnection) -> None:
    """Skip or fail unless the external server accepts the given credentials."""
    try:
        reachable = _can_log_in(connection)
    except AuthError as exc:
        _unavailable(f"{connection.uri} rejected the credentials of {connection.user!r}: {exc}")
    if not reachable:
        _unavailable(f"cannot connect to NEO4J_URI={connection.uri}")


def _start(server: Neo4jServer) -> str | None:
    """Start ``server``; return why it could not start, or None on success.

    The reason is returned rather than raised so that the skip or failure is
    reported on its own, without the chained traceback.
    """
    try:
        server.start()
    except (Neo4jUnavailableError, OSError, subprocess.SubprocessError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jConnection]:
    """Yield a :class:`Neo4jConnection` to a running Neo4j server.

    Uses ``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_PASSWORD`` when set, so a
    developer can point the suite at a server of their own; otherwise starts
    a local server for the session and stops it at the end.
    """
    external = _external_connection()
    if external is not None:
        _check_external(external)
        yield external
        return
    server = Neo4jServer()
    error = _start(server)
    if error is not None:
        _unavailable(error)
    try:
        yield server.connection
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jConnection) -> Iterator[neo4j.Driver]:
    """Yield one ``neo4j.Driver`` for the whole session, closed at its end."""
    driver = neo4j.GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth)
    try:
        yield driver
    finally:
        driver.close()


def reset_database(driver: neo4j.Driver) -> None:
    """Delete every node, then drop the schema, so each test starts from nothing.

    Parameters
    ----------
    driver : neo4j.Driver
        Driver for the database to empty (the default database).
    """
    driver.execute_query("MATCH (n) DETACH DELETE n")
    _drop_schema(driver)


def _drop_schema(driver: neo4j.Driver) -> None:
    """Drop all constraints, then every index that is not a built-in lookup index."""
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name")
    for record in records:
        driver.execute_query(f"DROP CONSTRAINT {_quote(record['name'])} IF EXISTS")
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
    )
    for record in records:
        driver.execute_query(f"DROP INDEX {_quote(record['name'])} IF EXISTS")


def _quote(name: str) -> str:
    """Quote a schema object name as a Cypher identifier."""
    return "`" + name.replace("`", "``") + "`"


@pytest.fixture
def neo4j_clean(neo4j_driver: neo4j.Driver) -> neo4j.Driver:
    """Return the session driver on an empty database (see :func:`reset_database`)."""
    reset_database(neo4j_driver)
    return neo4j_driver


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--fetch`` downloads the jars only; ``--serve`` runs a server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--fetch", action="store_true", help="download the jars into the cache")
    group.add_argument("--serve", action="store_true", help="run a server until Ctrl-C")
    args = parser.parse_args(argv)
    if args.fetch:
        print(fetch_jars())
        return 0
    signal.signal(signal.SIGTERM, _exit_on_signal)
    with Neo4jServer() as server, contextlib.suppress(KeyboardInterrupt):
        print(f"{server.uri} user={server.user} password={server.password}", flush=True)
        while True:
            time.sleep(3600)
    return 0


def _exit_on_signal(signum: int, frame: object) -> None:
    """Turn SIGTERM into SystemExit so that ``--serve`` stops its server on the way out."""
    sys.exit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
