"""Run the commands of ``test_stable_output`` in one interpreter and write each one's
output to ``OUTDIR/NAME``: ``python tests/stable_output_run.py OUTDIR NAME=ARG,ARG ...``.

The test starts this script once per ``PYTHONHASHSEED``; one interpreter per seed runs all
the commands, so hash order that leaks into output differs between seeds as it would
between separate runs, without paying the start-up and the bundled load per command.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run_all(outdir: Path, commands: dict[str, list[str]]) -> None:
    """Run each command through the CLI and keep its stdout (or the file it wrote)."""
    from click.testing import CliRunner

    from mineralgraph.cli import cli

    runner = CliRunner()
    for name, args in sorted(commands.items()):
        result = runner.invoke(cli, args, prog_name="mineralgraph", catch_exceptions=False)
        if result.exit_code != 0:
            raise SystemExit(f"{name}: exit {result.exit_code}: {result.stderr}")
        written = [arg for arg in args if arg.startswith(str(outdir))]
        output = Path(written[0]).read_bytes() if written else result.stdout_bytes
        (outdir / f"{name}.out").write_bytes(output)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    run_all(target, {name: args.split("\x1f") for name, args in
                     (item.split("=", 1) for item in sys.argv[2:])})
