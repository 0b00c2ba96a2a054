"""Options shared by several commands."""

from __future__ import annotations

from datetime import date

import click

from mineralgraph.exceptions import MineralGraphError
from mineralgraph.loaders.values import parse_date


def _as_of(ctx, param, value: str | None) -> date | None:
    return date_value("--as-of", value)


def as_of_option(fn):
    """``--as-of DATE``: answer with the facts valid on that date (a bad date exits 1)."""
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=_as_of,
                        expose_value=True, is_eager=False,
                        help="Use only the facts valid on this date.")(fn)


def date_value(name: str, value: str | None) -> date | None:
    """Parse an optional date option, exiting 1 with the option's name on a bad one."""
    return None if value is None else _named_date(name, value)


def _named_date(name: str, value: str) -> date:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise MineralGraphError(f"{name}: {exc}") from None
