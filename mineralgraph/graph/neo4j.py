"""Neo4j: where the server is, how to log in, and what its errors mean to a user.

The Neo4j copy of a graph is a *view*, never a source (see the design note, section
1): one node per id, labelled with its kind (``Element``, ``Product``...) and keyed by
the property ``id``; one relationship per relation claim, typed with the relation
(``PRODUCES``...) and keyed by the property ``claim_id``. Labels and relationship types
come from the ontology (:data:`mineralgraph.ontology.model`), never from a list here.

The push lives in :mod:`mineralgraph.graph.neo4j_push`, the pull in
:mod:`mineralgraph.graph.neo4j_pull`, and read-only querying in
:mod:`mineralgraph.graph.cypher`. This module holds what they share: settings read
from the environment, :func:`connect`, and :func:`neo4j_errors`, which turns a refused
connection, a bad URI, bad credentials or a failing query into one
:class:`~mineralgraph.exceptions.MineralGraphError` line.

>>> Neo4jSettings.from_env({"NEO4J_URI": "neo4j+s://x.databases.neo4j.io"}).uri
'neo4j+s://x.databases.neo4j.io'
>>> quote_name("PRODUCES")
'`PRODUCES`'
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from mineralgraph.exceptions import MineralGraphError
from mineralgraph.ontology import model

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
#: URI schemes of the Bolt protocol (the driver's HTTP preview is not supported here).
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: Seconds to wait for a connection before giving up.
CONNECTION_TIMEOUT_S = 15.0


class Neo4jError(MineralGraphError):
    """Neo4j could not be reached, refused the login, or refused a query."""


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the server is and who logs in.

    ``password`` is never shown by ``repr`` and never taken from a command-line
    argument: it comes from ``NEO4J_PASSWORD`` or a prompt.
    """

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @property
    def shown_uri(self) -> str:
        """The URI as messages show it: a password written inside it is masked."""
        return shown_uri(self.uri)

    def hide_secrets(self, text: str) -> str:
        """``text`` with the password (given or inside the URI) masked."""
        return hide_secrets(text, self.password, _uri_password(self.uri))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Neo4jSettings:
        """Settings from ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``."""
        env = os.environ if env is None else env
        return cls(env.get("NEO4J_URI") or DEFAULT_URI, env.get("NEO4J_USER") or DEFAULT_USER,
                   env.get("NEO4J_PASSWORD"), env.get("NEO4J_DATABASE") or None)


def _uri_password(uri: str) -> str | None:
    try:
        return urlsplit(uri).password
    except ValueError:
        return None


def shown_uri(uri: str) -> str:
    """``uri`` with a password written inside it masked, for messages and logs.

    >>> shown_uri("neo4j+s://neo4j:s3cret@x.databases.neo4j.io")
    'neo4j+s://neo4j:***@x.databases.neo4j.io'
    >>> shown_uri("bolt://localhost:7687")
    'bolt://localhost:7687'
    """
    password = _uri_password(uri)
    if password:
        uri = uri.replace(f":{password}@", ":***@", 1)
    return hide_secrets(uri, password)


def hide_secrets(text: str, *secrets: str | None) -> str:
    """``text`` with every non-empty secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def check_uri(uri: str) -> str:
    """``uri`` when it is a Bolt URI the driver can use; Neo4jError otherwise.

    >>> check_uri("bolt://127.0.0.1:7687")
    'bolt://127.0.0.1:7687'
    >>> check_uri("localhost:7687")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mineralgraph.graph.neo4j.Neo4jError: 'localhost:7687' is not a Neo4j URI (use bolt://...)
    """
    try:
        parts = urlsplit(uri)
        ok = parts.scheme in SCHEMES and bool(parts.hostname)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        ok = False
    if not ok:
        raise Neo4jError(f"{shown_uri(uri)!r} is not a Neo4j URI (use bolt://host:7687, "
                         "neo4j://host:7687, or neo4j+s://host for Aura)")
    return uri


def quote_name(name: str) -> str:
    """A label or relationship type as a Cypher identifier, in backticks."""
    return "`" + name.replace("`", "``") + "`"


def labels() -> list[str]:
    """Node labels: the kinds of the ontology, sorted."""
    return sorted(model.kinds)


def relationship_types() -> list[str]:
    """Relationship types: the relations of the ontology, sorted."""
    return sorted(model.relations)


def label_of(node_id: str) -> str:
    """The label of a node id (its kind); Neo4jError for an id of no known kind."""
    kind = model.kind_of(node_id)
    if kind is None:
        raise Neo4jError(f"{node_id!r} is not an id of a known kind "
                         f"({', '.join(sorted(model.by_prefix))})")
    return kind


def _first_line(text: str) -> str:
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


def _connection_reason(exc: Exception) -> str:
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused"
    if "DNS resolve" in text or "Name or service not known" in text:
        return "the host name does not resolve"
    if "timed out" in text.lower():
        return "the connection timed out"
    return _first_line(text) or type(exc).__name__


@contextlib.contextmanager
def neo4j_errors(settings: Neo4jSettings) -> Iterator[None]:
    """Turn driver errors into one-line :class:`Neo4jError` messages.

    Other errors pass through unchanged.
    """
    from neo4j import exceptions as ex

    try:
        yield
    except Neo4jError as exc:
        raise Neo4jError(settings.hide_secrets(str(exc))) from None
    except ex.AuthError:
        raise Neo4jError(f"Neo4j at {settings.shown_uri} rejected the login of user "
                         f"{settings.user!r} (check NEO4J_USER and NEO4J_PASSWORD)") from None
    except (ex.ServiceUnavailable, ex.SessionExpired) as exc:
        raise Neo4jError(f"cannot connect to Neo4j at {settings.shown_uri}: "
                         f"{settings.hide_secrets(_connection_reason(exc))}") from None
    except ex.ConfigurationError as exc:
        raise Neo4jError(f"Neo4j settings for {settings.shown_uri}: "
                         f"{settings.hide_secrets(_first_line(exc))}") from None
    except ex.Neo4jError as exc:
        message = settings.hide_secrets(_first_line(exc.message or str(exc)))
        raise Neo4jError(f"Neo4j refused the query: {message}"
                         + (f" ({exc.code})" if exc.code else "")) from None
    except ex.DriverError as exc:
        text = settings.hide_secrets(_first_line(exc) or type(exc).__name__)
        raise Neo4jError(f"Neo4j driver: {text}") from None
    except (OSError, ValueError) as exc:
        raise Neo4jError(f"cannot connect to Neo4j at {settings.shown_uri}: "
                         f"{settings.hide_secrets(str(exc))}") from None


def connect(settings: Neo4jSettings):
    """A driver connected to the server (connectivity and login checked).

    The caller closes it (``with connect(settings) as driver: ...``).

    Raises
    ------
    Neo4jError
        On a bad URI, a server that cannot be reached, or rejected credentials.
    """
    import neo4j

    check_uri(settings.uri)
    auth = (settings.user, settings.password or "")
    with neo4j_errors(settings):
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=auth,
                                            connection_timeout=CONNECTION_TIMEOUT_S)
        try:
            driver.verify_connectivity()
            if settings.database:
                with driver.session(database=settings.database) as session:
                    session.run("RETURN 1").consume()
        except BaseException:
            driver.close()
            raise
    return driver
