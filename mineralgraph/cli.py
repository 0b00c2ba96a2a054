"""The ``mineralgraph`` command: one click group, commands in ``mineralgraph.commands``.

User and data errors print one line on stderr and exit with code 1; bad usage prints
one line too (:class:`OneLineUsageError`) and exits with code 2; results go to stdout.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from datetime import date
from pathlib import Path

import click

from mineralgraph import __version__
from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.supply_graph import SupplyGraph

#: Command modules; each defines ``COMMANDS``, a list of click commands or groups.
COMMAND_MODULES = ("core", "analysis", "rdf", "neo4j", "render", "changes", "open_data")


class App:
    """What every command shares: where the graph comes from, loaded on first use."""

    def __init__(self, graph_path: str | None, min_confidence: str | None = None,
                 share_source: str | None = None, worst_case: bool = False,
                 press_figures: bool = False):
        self.graph_path = graph_path
        self.min_confidence = min_confidence
        self.share_source = share_source
        self.worst_case = worst_case
        self.press_figures = press_figures
        self._graph: SupplyGraph | None = None

    def graph(self, as_of: date | None = None) -> SupplyGraph:
        """The graph of ``--graph FILE`` or the bundled dataset, as of a date."""
        if self._graph is None:
            if self.graph_path:
                from mineralgraph.graph.snapshot import load_graph_snapshot
                from mineralgraph.output import working

                with working(f"Loading {self.graph_path}"):
                    self._graph = SupplyGraph(load_graph_snapshot(Path(self.graph_path)))
            else:
                from mineralgraph.bundled import load_bundled

                self._graph = load_bundled()
            if self.share_source:
                from mineralgraph.graph.share_source import restrict_share_sets

                self._graph = SupplyGraph(
                    restrict_share_sets(self._graph.claims, self.share_source),
                    policy=self._graph.policy, loaded=self._graph.loaded)
            self._graph = self._graph.with_min_confidence(self.min_confidence)
            self._graph = self._graph.with_worst_case(self.worst_case)
            self._graph = self._graph.with_press_figures(self.press_figures)
        return self._graph.as_of(as_of)


#: The options of the group itself, with their metavar, for the hint when one is given
#: after the command.
GLOBAL_OPTIONS = {"--graph": "FILE", "--min-confidence": "LEVEL",
                  "--share-source": "SOURCE_ID", "--worst-case": "", "--press-figures": ""}


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line on stderr (exit 2), not click's four (usage,
    "Try ... for help.", a blank line, the error): the message names the option and its
    valid choices; a missing or extra argument adds the command's usage, others where
    to read more.

    >>> ctx = click.Context(click.Command("show", params=[click.Argument(["id"])]),
    ...                     info_name="mineralgraph show")
    >>> print(usage_line(click.MissingParameter(ctx=ctx, param=ctx.command.params[0])))
    Error: Missing argument 'ID' (usage: mineralgraph show [OPTIONS] ID)
    """

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.message}", file=file or sys.stderr)


def usage_line(exc: click.UsageError) -> str:
    """The one line of a usage error, hints included (see :class:`OneLineUsageError`)."""
    message = " ".join(exc.format_message().split())
    ctx = exc.ctx
    if ctx is None:
        return f"Error: {message}"
    if (isinstance(exc, click.MissingParameter) and isinstance(exc.param, click.Argument)) \
            or message.startswith("Got unexpected extra argument"):
        usage = " ".join(ctx.get_usage().removeprefix("Usage:").split())
        return f"Error: {message.rstrip('.')} (usage: {usage})"
    if "did you mean" in message.lower() or "mineralgraph " in message:
        return f"Error: {message}"  # a hint already
    if isinstance(exc, click.NoSuchOption) and isinstance(ctx.command, click.Group):
        # an option of the commands given before the command's name: say where it goes
        users = sorted(name for name, command in ctx.command.commands.items()
                       if any(exc.option_name in getattr(p, "opts", ()) for p in command.params))
        if users:
            example = "chokepoints" if "chokepoints" in users else users[0]
            return (f"Error: {message.rstrip('.')} before the command: it is an option of "
                    f"{len(users)} command(s), given after the command's name (e.g. "
                    f"{ctx.command_path} {example} {exc.option_name} ...)")
    if message.startswith("No such command"):
        return f"Error: {message} ({ctx.command_path} --help lists the commands)"
    return f"Error: {message} (more: {ctx.command_path} --help)"


def _usage_error(exc: click.UsageError) -> click.UsageError:
    """``exc`` as a :class:`OneLineUsageError` (a help page asked for by giving no
    arguments stays a help page)."""
    if isinstance(exc, (OneLineUsageError, click.exceptions.NoArgsIsHelpError)):
        return exc
    from mineralgraph.output import one_line

    error = OneLineUsageError(one_line(usage_line(exc).removeprefix("Error: ")), exc.ctx)
    error.exit_code = exc.exit_code
    return error


class MineralGraphGroup(click.Group):
    """A click group that turns mineralgraph errors into one line on stderr and exit 1,
    and every usage error (its own or a command's) into one line and exit 2."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            raise _usage_error(exc) from None

    def invoke(self, ctx: click.Context):
        try:
            return self._invoke(ctx)
        except click.UsageError as exc:
            raise _usage_error(exc) from None

    def _invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as exc:
            if exc.option_name in GLOBAL_OPTIONS:
                # the answer depends on a global option given in the wrong place: say where
                exc.message = (f"{exc.option_name} is an option of mineralgraph itself: give "
                               f"it before the command (mineralgraph "
                               + " ".join(filter(None, (exc.option_name,
                                                        GLOBAL_OPTIONS[exc.option_name],
                                                        ctx.invoked_subcommand)))
                               + " ...)")
            raise
        except MineralGraphError as exc:
            from mineralgraph.output import one_line

            raise click.ClickException(one_line(str(exc))) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise click.exceptions.Exit(1) from None
        except RecursionError:
            # a supply chain thousands of steps deep (a generated or looping file): the
            # analysis walks it step by step; one line, and every output is atomic
            graph = getattr(ctx.obj, "graph_path", None)
            raise click.ClickException(
                f"{graph + ': ' if graph else ''}the supply chain is nested too deeply to "
                "analyse (a chain of hundreds of steps or more); nothing written") from None


@click.group(cls=MineralGraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mineralgraph")
@click.option("--graph", "graph_path", metavar="FILE", envvar="MINERALGRAPH_GRAPH",
              help="Read the graph from a snapshot (from `build --out`) instead of the "
                   "bundled dataset.")
@click.option("--min-confidence", type=click.Choice(["high", "medium", "low"]), default=None,
              metavar="LEVEL",
              help="Leave out relations (shares, inputs, makers...) rated below LEVEL "
                   "(high, medium or low) before any analysis, to see the answer that "
                   "strong claims alone support.")
@click.option("--worst-case", "worst_case", is_flag=True, default=False,
              help="Widen the lower bound beyond the design note's section 5 (the "
                   "addendum's readings): producers without shares bounded (none to all of "
                   "their pool) instead of split equally, any control reaching untraced "
                   "materials and magnets of unstated grade, left-out requirements kept in "
                   "the lower bound, share sets short of 1 by rounding read as whole.")
@click.option("--press-figures", "press_figures", is_flag=True, default=False,
              help="Read a material's country shares (and capacities) from press, reposts "
                   "and news articles where no statistical figure exists, as if they were "
                   "statistics. Off by default: the design note (5.5) sets them aside, "
                   "shown beside the figures the analysis uses.")
@click.option("--share-source", "share_source", metavar="SOURCE_ID",
              help="Use only this source's country production shares for the materials it "
                   "covers (e.g. source:wmd-2026 or source:usgs-mcs2025-rare-earths).")
@click.pass_context
def cli(ctx: click.Context, graph_path: str | None, min_confidence: str | None,
        worst_case: bool, press_figures: bool, share_source: str | None) -> None:
    """Map critical-mineral supply chains and find where they break.

    Runs on the bundled, sourced dataset with no server. Start with
    `mineralgraph chokepoints` or `mineralgraph info`.

    \b
    Examples:
      mineralgraph chokepoints --product product:f-35
      mineralgraph --graph graph.json scenario --name cn-2025-04-defence-denial
    """
    # rdflib logs a traceback for every ill-typed literal (``"abc"^^xsd:integer``, in a
    # query or a --data file): a value it keeps as written, not an error of the command
    import logging

    refuse_empty_values(ctx)
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    ctx.obj = App(graph_path, min_confidence, share_source, worst_case, press_figures)


def examples_last(command: click.Command) -> None:
    """Move the ``Examples:`` block of a command's docstring to the end of its --help
    (after the options), for a group's commands too."""
    marker = "\b\nExamples:"
    text = inspect.cleandoc(command.help or "")
    if marker in text:
        head, _, examples = text.partition(marker)
        command.help = head.rstrip()
        command.epilog = marker + examples.rstrip()
    for sub in getattr(command, "commands", {}).values():
        examples_last(sub)


def refuse_empty_values(ctx: click.Context) -> None:
    """Refuse an option given an empty value on the command line, as bad usage: an unset
    shell variable (``--graph "$SNAPSHOT"``, ``sparql --endpoint "$URL"``) was taken as no
    option at all, so the command answered from the bundled data, silently."""
    from click.core import ParameterSource

    for param in ctx.command.params:
        if not isinstance(param, click.Option) or param.name not in ctx.params:
            continue
        value = ctx.params[param.name]
        values = value if isinstance(value, (tuple, list)) else (value,)
        if any(isinstance(v, str) and not v.strip() for v in values) and \
                ctx.get_parameter_source(param.name) == ParameterSource.COMMANDLINE:
            raise click.BadParameter("is empty (an unset shell variable?): give a value or "
                                     "leave the option out", ctx=ctx, param=param)


def inputs_are_not_outputs(command: click.Command) -> None:
    """Check, once a command's options are parsed and before it works, that its output
    file is none of its inputs (:func:`mineralgraph.output.refuse_input_as_output`);
    for a group's commands too."""
    from mineralgraph.output import refuse_input_as_output

    run = command.invoke

    def invoke(ctx: click.Context):
        refuse_empty_values(ctx)
        refuse_input_as_output(ctx)
        return run(ctx)

    command.invoke = invoke
    for sub in getattr(command, "commands", {}).values():
        inputs_are_not_outputs(sub)


def _attach_commands() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"mineralgraph.commands.{name}")
        for command in module.COMMANDS:
            examples_last(command)
            inputs_are_not_outputs(command)
            cli.add_command(command)


_attach_commands()
examples_last(cli)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    cli.main(args=argv, prog_name="mineralgraph")
