"""The one writer of output files: whole or not at all, never through a device or a pipe.

Every command that writes a file (snapshots, RDF, reports, pictures, query results)
calls :func:`write_atomically`. It

- refuses a target that is not a regular file (a directory, a FIFO, a device), a
  folder that does not exist (it never creates one: a mistyped folder is an error) and
  a folder that cannot hold files (``/proc``, a path under a plain file), as one line;
- writes through a symbolic link to the file it points at, leaving the link in place,
  but not through a link that another user put in a shared sticky folder such as
  ``/tmp`` (Linux's ``protected_symlinks`` rule, which resolving the path first would
  otherwise bypass: a planted ``/tmp/out.csv -> ~/.bashrc`` would be overwritten);
- writes a temporary file beside the target, ``fsync``\\ s it, then renames it over the
  target (and ``fsync``\\ s the folder), so a crash leaves the old file or the new one;
- keeps the mode of the file it replaces (a 0600 file stays 0600); a new file gets
  0666 less the umask, as ``open`` would give it;
- removes the temporary file on any error, on Ctrl-C and on SIGTERM; a process killed
  outright (SIGKILL, power loss) leaves one named ``.NAME.PID.mgtmp``, which the next
  write into that folder removes once process PID is gone.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomically(folder / "a.txt", "hello\\n")
>>> (folder / "a.txt").read_text()
'hello\\n'
>>> write_atomically(folder, "x")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
mineralgraph.exceptions.FileWriteError: ...: is a directory, not a file; nothing written
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import threading
from pathlib import Path

from mineralgraph.exceptions import FileWriteError

#: Suffix of the temporary files this module writes (``.NAME.PID.mgtmp``).
TEMP_SUFFIX = ".mgtmp"
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}" + re.escape(TEMP_SUFFIX) + "$")

_NOT_A_FILE = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISSOCK, "a socket"))


def refuse_endless(path: str | Path, mode: int, what: str = "file") -> None:
    """The one test of an input's kind: refuse a directory, a device or a socket (a
    device such as ``/dev/zero`` would be read forever); a pipe is read.

    Raises
    ------
    InputError
        One line naming the file and what it is: ``/dev/zero: is a character device,
        not a snapshot file``.

    >>> import stat
    >>> refuse_endless("/dev/zero", stat.S_IFCHR, "snapshot file")
    Traceback (most recent call last):
    ...
    mineralgraph.exceptions.InputError: /dev/zero: is a character device, not a snapshot file
    >>> refuse_endless("q.rq", stat.S_IFIFO)
    """
    from mineralgraph.exceptions import InputError

    for test, kind in _NOT_A_FILE:
        if test(mode) and not stat.S_ISFIFO(mode):
            raise InputError(str(path), None, None, f"is {kind}, not a {what}")


def read_text(path: str | Path, limit: int | None = None, what: str = "file") -> str:
    """The UTF-8 text of an input file (without a leading byte-order mark), refusing what
    never ends or is not a file.

    A device (``/dev/zero``, ``/dev/urandom``) would be read forever, so it is refused,
    as a directory is; a pipe (``@<(make-query)``) is read. Past ``limit`` bytes the
    file is refused rather than read whole. ``what`` names it in messages ("query
    file").

    Raises
    ------
    InputError
        Naming the file: no such file, a directory, a device or socket, too large,
        not UTF-8, or unreadable.
    """
    from mineralgraph.exceptions import InputError

    shown = str(path)
    try:
        with open(path, "rb") as fh:
            refuse_endless(shown, os.fstat(fh.fileno()).st_mode, what)
            data = fh.read() if limit is None else fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(shown, None, None, f"no such {what}") from None
    except IsADirectoryError:
        raise InputError(shown, None, None, f"is a directory, not a {what}") from None
    except OSError as exc:
        raise InputError(shown, None, None, f"cannot read ({exc.strerror})") from None
    if limit is not None and len(data) > limit:
        raise InputError(shown, None, None, f"over {limit >> 20} MiB: too large for a {what}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(shown, line, None, f"not UTF-8 ({exc.reason})") from None
    # the byte-order mark Windows editors write is no part of the text: a query file
    # beginning with it was refused by Neo4j ("Invalid input '\ufeff'") and by rdflib
    return text[1:] if text.startswith("\ufeff") else text


def not_a_file(path: str | Path) -> str | None:
    """What ``path`` is when it exists and is neither a regular file nor a folder (``a
    FIFO (named pipe)``, ``a character device``...), following links; else None.

    A loader reads a source more than once (to recognise it, then to read it), and a
    device such as ``/dev/zero`` never ends, so neither may stand for a source file.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    for test, kind in _NOT_A_FILE:
        if test(mode) and not stat.S_ISDIR(mode):
            return kind
    return None


_DESCRIPTORS = re.compile(r"/proc/(\d+)(?:/task/\d+)?/fd")


def descriptor_of(path: str | Path) -> int | None:
    """The open file descriptor of this process that ``path`` names (``/dev/stdout``,
    ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``), else None.

    Such a name is no file to replace: the descriptor may be a pipe (there is no folder
    to write beside) or a file the shell opened for appending (``>> log``), whose
    contents a rename over it would lose.

    Raises
    ------
    FileWriteError
        When it names another process's descriptor.

    >>> descriptor_of("/dev/stdout"), descriptor_of("/dev/fd/2"), descriptor_of("out.csv")
    (1, 2, None)
    """
    here = os.path.abspath(path)
    for _ in range(40):  # links followed one at a time; a loop ends here
        folder, name = os.path.split(here)
        match = _DESCRIPTORS.fullmatch(os.path.realpath(folder))
        if match and name.isdigit():
            if int(match.group(1)) != os.getpid():
                raise FileWriteError(f"{path}: names an open file of another process; "
                                     "nothing written")
            return int(name)
        if not os.path.islink(here):
            return None
        here = os.path.normpath(os.path.join(folder, os.readlink(here)))
    return None


def _descriptor_target(path, fd: int) -> None:
    """Refuse a descriptor that is no pipe, socket or regular file (a terminal, a
    device, or one not open), as a device named directly is refused."""
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        raise FileWriteError(f"{path}: names descriptor {fd}, which is not open; "
                             "nothing written") from None
    for test, what in _NOT_A_FILE:
        if test(mode) and not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
            raise FileWriteError(f"{path}: is {what}, not a file; nothing written")


def _write_descriptor(path, fd: int, data: bytes) -> None:
    """``data`` written to the open descriptor ``fd`` where it stands (appended to a
    file opened for appending), after what Python's own streams hold."""
    import sys

    _descriptor_target(path, fd)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise FileWriteError(f"{path}: write failed ({exc.strerror})") from None


def is_null_device(path: str | Path) -> bool:
    """Whether ``path`` is (or links to) the null device, ``/dev/null``: a user discarding
    the output (trial 11: ``-o /dev/null`` was refused as a character device). Nothing is
    written there, and the device is never replaced.

    >>> is_null_device("/dev/null"), is_null_device("out.csv")
    (True, False)
    """
    try:
        return (os.path.realpath(path) == os.devnull
                and stat.S_ISCHR(os.stat(os.devnull).st_mode))
    except OSError:
        return False


def target_of(path: str | Path) -> Path:
    """The file a write to ``path`` replaces: ``path`` itself, or where its links lead
    (an open descriptor, ``/dev/stdout``, is ``path`` itself: written where it stands;
    the null device is itself, written nothing: :func:`is_null_device`).

    Raises :class:`FileWriteError` when the target exists and is not a regular file.
    """
    if not str(path):
        raise FileWriteError("'': an empty file name; nothing written")
    if is_null_device(path):
        return Path(os.devnull)
    if str(path).endswith(os.sep):
        raise FileWriteError(f"{path}: names a folder (it ends in {os.sep}), not a file; "
                             "nothing written")
    fd = descriptor_of(path)
    if fd is not None:
        _descriptor_target(path, fd)
        return Path(path)
    path = Path(path)
    planted = planted_link(path)
    if planted is not None:
        raise FileWriteError(f"{path}: cannot write through {planted}, a link another user "
                             f"made in the shared folder {planted.parent}; nothing written")
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            missing = next(p for p in reversed([target.parent, *target.parent.parents])
                           if not p.exists())
            raise FileWriteError(f"{path}: cannot write: the folder {missing} does not exist "
                                 "(create it first); nothing written") from None
        return target
    except NotADirectoryError:
        blocker = next(p for p in target.parents if p.exists())
        raise FileWriteError(f"{path}: cannot write: {blocker} is a file, not a folder; "
                             "nothing written") from None
    except OSError as exc:
        raise FileWriteError(f"{path}: cannot write ({exc.strerror}); nothing written") from None
    for test, what in _NOT_A_FILE:
        if test(mode):
            raise FileWriteError(f"{path}: is {what}, not a file; nothing written")
    return target


def planted_link(path: str | Path, depth: int = 0) -> Path | None:
    """The first symbolic link on the way to ``path`` that Linux's ``protected_symlinks``
    rule would not follow: one in a sticky world-writable folder (``/tmp``) owned by
    neither this user nor the folder's owner. None when there is none."""
    if depth > 40:  # a loop: the write reports it
        return None
    path = Path(os.path.abspath(path))
    folder = Path(path.anchor)
    for part in path.parts[1:]:
        here = folder / part
        try:
            info = os.lstat(here)
        except OSError:
            return None
        if not stat.S_ISLNK(info.st_mode):
            folder = here
            continue
        try:
            parent = os.stat(folder)
        except OSError:
            return None
        shared = parent.st_mode & stat.S_ISVTX and parent.st_mode & stat.S_IWOTH
        if shared and info.st_uid not in (os.geteuid(), parent.st_uid):
            return here
        try:
            found = planted_link(folder / os.readlink(here), depth + 1)
        except OSError:
            return None
        if found is not None:
            return found
        folder = Path(os.path.realpath(here))
    return None


def write_atomically(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` whole, or not at all.

    Raises
    ------
    FileWriteError
        The target is not a regular file, its folder cannot hold it, or the disk
        refused the write; the existing file, if any, is unchanged.
    """
    shown = str(path)
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise FileWriteError(f"{shown}: the text holds a character that cannot be "
                                 f"written as UTF-8 ({exc.object[exc.start]!r} at "
                                 f"{exc.start}); nothing written") from None
    fd = descriptor_of(path)
    if fd is not None:  # -o /dev/stdout: the shell's pipe or file, written in place
        _write_descriptor(shown, fd, data)
        return
    if is_null_device(path):  # discarded: nothing to write, and the device kept
        return
    target = target_of(path)
    folder = target.parent
    sweep_stale_temps(folder)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    tmp = folder / _temp_name(target.name)
    try:
        with _signals_raise():
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
            except OSError as exc:
                raise FileWriteError(f"{shown}: cannot write in {folder} ({exc.strerror}); "
                                     "nothing written") from None
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, mode)
                os.replace(tmp, target)
            except OSError as exc:
                raise FileWriteError(f"{shown}: write failed ({exc.strerror}); "
                                     "the old file, if any, is unchanged") from None
            _fsync_folder(folder)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _temp_name(name: str) -> str:
    """``.NAME.PID.RANDOM.mgtmp``, with NAME cut so the whole stays within the 255 bytes
    a file name may have: a target named with 240 bytes could not be written (its
    temporary file's name was too long) and the clean-up then failed with a traceback.

    >>> len(_temp_name("a" * 250 + ".txt").encode()) <= 255
    True
    """
    tail = f".{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
    room = 255 - 1 - len(tail.encode())
    head = name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return f".{head}{tail}"


def sweep_stale_temps(folder: str | Path) -> list[Path]:
    """Remove temporary files left in ``folder`` by writers that are no longer running.

    Returns the paths removed. Files of a live process (another write in progress)
    and files that merely look alike are left alone.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        if _alive(int(match.group("pid"))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return sorted(removed)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


class _Terminated(BaseException):
    """SIGTERM while a file was being written (turned into exit 143 by the caller)."""


@contextlib.contextmanager
def _signals_raise():
    """Make SIGTERM raise while writing, so ``finally`` removes the temporary file.

    Ctrl-C already raises KeyboardInterrupt. Signal handlers can only be set from the
    main thread; elsewhere (a server's worker thread) the sweep cleans up instead.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise _Terminated(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    except _Terminated:
        raise SystemExit(128 + signal.SIGTERM) from None
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: some file systems refuse a folder fsync)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    """The process umask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sqlite_read_only_uri(path) -> str:
    """The SQLite URI that opens the database file ``path`` read only.

    The path is percent-encoded: written as it is, a ``#`` in it began a fragment (so
    SQLite opened, and created, the part before it, the read-only mode lost with the
    fragment), a ``?`` began the parameters and ``%41`` read as ``A``.

    >>> sqlite_read_only_uri("/data/x#y/a%41.db")
    'file:/data/x%23y/a%2541.db?mode=ro'
    """
    import os
    import urllib.parse

    return f"file:{urllib.parse.quote(os.path.abspath(path))}?mode=ro"


#: The folder that holds the ``mineralgraph`` package (site-packages, or the source tree
#: of an editable install), with a trailing slash.
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1]) + "/"
#: The package's own folder: only files inside it (the bundled data) are written
#: relative; a user's file beside it keeps its path
_PACKAGE_DIR = str(Path(__file__).resolve().parent) + "/"


def portable_origin(origin: str) -> str:
    """An origin ``file:line`` with the package's own folder left out, so exports (RDF,
    snapshots) do not depend on where mineralgraph is installed: the bundled data's rows
    read ``mineralgraph/data/curated/production.csv:84`` from any install; a user's file
    keeps its path as given.

    >>> portable_origin(_PACKAGE_ROOT + "mineralgraph/data/curated/x.csv:121")
    'mineralgraph/data/curated/x.csv:121'
    >>> portable_origin("/tmp/news/a.md:3")
    '/tmp/news/a.md:3'
    """
    return origin[len(_PACKAGE_ROOT):] if origin.startswith(_PACKAGE_DIR) else origin
