"""Errors raised by mineralgraph.

Every error a user can cause is a :class:`MineralGraphError`; the CLI prints it as one
line and exits with code 1.
"""

from __future__ import annotations


class MineralGraphError(Exception):
    """Base class of every error mineralgraph raises on purpose."""


class InputError(MineralGraphError):
    """A fact or file that cannot be accepted, located by file, line and field.

    >>> str(InputError("data/producers.csv", 14, "share", "1.3 is above 1"))
    'data/producers.csv:14: share: 1.3 is above 1'
    """

    def __init__(self, path: str, line: int | None, field: str | None, message: str):
        self.path, self.line, self.field, self.message = path, line, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


class InputErrors(MineralGraphError):  # noqa: N818 (a list of InputError)
    """Several :class:`InputError` found in one pass; the first is the message."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{errors[0]}{more}")


class FileWriteError(MineralGraphError):
    """An output file that cannot or must not be written; nothing was written."""


class UnknownIdError(MineralGraphError):
    """An id that is not in the graph; the message suggests the closest ids."""

    def __init__(self, node_id: str, suggestions: list[str] = (), is_a: str | None = None,
                 wanted: str | None = None):
        self.node_id, self.suggestions = node_id, list(suggestions)
        hint = f" (did you mean {', '.join(self.suggestions)}?)" if self.suggestions else ""
        # an empty id, or one with spaces around it or control characters, quoted
        shown = node_id if node_id and node_id.isprintable() and \
            node_id == node_id.strip() else repr(node_id)
        if is_a and wanted:
            super().__init__(f"{shown} is {a_kind(is_a)}, not {a_kind(wanted)}{hint}")
        else:
            super().__init__(f"{shown} is not in the graph{hint}")


def a_kind(kind: str) -> str:
    """A kind with its article: "an Element", "a Product"."""
    return ("an " if kind[0] in "AEIOU" else "a ") + kind


class SchemaError(MineralGraphError):
    """The ontology itself is inconsistent (a bug in the shipped schema, not in data)."""
