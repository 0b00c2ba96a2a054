"""Options shared by several commands."""

from __future__ import annotations

from datetime import date

import click

from mineralgraph.values import parse_date


def parse_date_option(ctx, param, value: str | None) -> date | None:
    """Click callback for a date option: a date that cannot be parsed is bad usage (exit 2)."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def as_of_option(fn):
    """``--as-of DATE``: answer with the facts valid on that date (a bad date exits 2)."""
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=parse_date_option,
                        expose_value=True, is_eager=False,
                        help="Use only the facts valid on this date.")(fn)
