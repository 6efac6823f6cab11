"""Many meetings at once: `readout-diff batch`.

`run_batch` compares every meeting of a list (`manifest.find_batch`), in one process or several,
and yields the results in list order whatever the order they finish in, so that the output is
the same for any number of workers. A meeting that cannot be compared (a missing readout, a bad
meeting.yaml) becomes a result with an error, never the end of the run. Nothing here prints:
progress is reported through a callback.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from readout_diff.core.model import READOUT_IDS
from readout_diff.core.topics import Lexicon
from readout_diff.errors import ReadoutDiffError
from readout_diff.inputs.discover import meeting_files
from readout_diff.inputs.lexicon import lexicon_version, load_lexicon
from readout_diff.inputs.manifest import find_batch
from readout_diff.inputs.read import ReadOptions, load_spec
from readout_diff.inputs.results import BatchResult
from readout_diff.inputs.spec import MeetingSpec, read_meeting_folder
from readout_diff.report.batch_output import Reporter, check_folder, made_ahead
from readout_diff.report.formats import get_format
from readout_diff.workflows.compare import compare_meeting

__all__ = [
    "BatchResult",
    "MeetingSpec",
    "ProgressCallback",
    "batch_files",
    "find_batch",
    "run_batch",
    "write_results",
]


def batch_files(path: str | Path, meetings: Sequence[MeetingSpec]) -> list[str]:
    """The local files a batch reads: the manifest and every meeting's (`meeting_files`)."""
    files = [str(path)] if Path(path).is_file() else []
    for meeting in meetings:
        files += meeting_files(meeting)
    return files


# progress(done, total, the result just finished)
ProgressCallback = Callable[[int, int, BatchResult], None]


def write_results(
    results: Iterable[BatchResult],
    format: str = "jsonl",
    output: Path | None = None,
    report: Reporter | None = None,
) -> int:
    """Write `run_batch`'s results as they come in a batch format ("jsonl", "csv", "html" or a
    plugin's): to `output` (a file replaced atomically at the end; a folder for html) or to
    stdout. Each failed meeting and each readout's warning goes to `report(kind, message)`
    (none by default: the results hold them too). Returns how many meetings failed."""
    chosen = get_format(format, "batch")
    if chosen.folder:
        check_folder(output)
    assert chosen.batch is not None  # get_format checked it
    return chosen.batch(results, output, report or _quiet)


def _quiet(kind: str, message: str) -> None:
    """A Reporter that says nothing."""


# --- comparing them -----------------------------------------------------------------------------


def compare_entry(
    meeting: MeetingSpec, lexicon: Lexicon, options: ReadOptions | None = None
) -> BatchResult:
    """Compare one meeting; its errors become the result's `error`. A folder meeting's
    meeting.yaml is read here, so that a bad one fails this meeting alone."""
    try:
        spec = read_meeting_folder(meeting.folder) if meeting.folder is not None else meeting
        # An error record names the meeting as meeting.yaml does, when it could be read.
        meeting = replace(meeting, title=spec.title or meeting.title, date=spec.date)
        partial = tuple(READOUT_IDS[i] for i, r in enumerate(spec.readouts) if r.partial)
        comparison = compare_meeting(load_spec(spec, options), lexicon)
        return BatchResult(meeting, comparison, lexicon=lexicon_version(lexicon), partial=partial)
    except ReadoutDiffError as e:
        return BatchResult(meeting, error=e.message)
    except Exception as e:  # noqa: BLE001 - a defect of ours must not lose the other meetings
        first = str(e).splitlines()[0] if str(e) else ""
        return BatchResult(
            meeting, error=f"internal error, please report it: {type(e).__name__}: {first}"
        )


_worker_lexicon: Lexicon | None = None
_worker_options: ReadOptions | None = None
_worker_row: Callable[[BatchResult], str] | None = None


def _init_worker(topics: tuple[str, ...], options: ReadOptions | None, format: str | None) -> None:
    """Each worker process loads the lexicon once; Ctrl-C is the parent's to handle."""
    import threading

    global _worker_lexicon, _worker_options, _worker_row
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):  # a closed terminal: the parent stops the workers
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's handler: stopped, it just ends
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _worker_lexicon = load_lexicon(topics)
    _worker_options = options
    _worker_row = _row_of(format)


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent died (killed, or by SIGPIPE under `| head`) would wait for work
    forever: the pool cannot tell it to stop, so it watches and exits by itself."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(meeting: MeetingSpec) -> BatchResult:
    assert _worker_lexicon is not None, "the worker initializer did not run"
    result = compare_entry(meeting, _worker_lexicon, _worker_options)
    return result if _worker_row is None else made_ahead(result, _worker_row)


def _row_of(format: str | None) -> Callable[[BatchResult], str] | None:
    """The row function of a batch format that has one (`OutputFormat.batch_row`)."""
    return None if format is None else get_format(format, "batch").batch_row


def run_batch(
    meetings: Sequence[MeetingSpec],
    topics: Sequence[str | Path] = (),
    workers: int = 1,
    progress: ProgressCallback | None = None,
    options: ReadOptions | None = None,
    format: str | None = None,
) -> Iterator[BatchResult]:
    """Compare every meeting with `workers` processes; results come in the order of `meetings`.

    The lexicon (with `topics` files) is loaded before this returns, so that a bad topics file
    is an error before any meeting is compared. `progress(done, total, result)` is called in
    this process as each meeting finishes, in the order they finish. `format`: the batch
    format the results will be written in; when it has a `batch_row`, the workers make each
    meeting's text and send it back instead of its comparison (`made_ahead`), so that this
    process, which has every meeting to write, only writes.
    """
    lexicon = load_lexicon(topics)
    if format is not None:
        _row_of(format)  # an unknown format is an error before any meeting is compared
    if workers <= 1 or len(meetings) <= 1:
        return _serial(meetings, lexicon, progress, options)
    return _parallel(meetings, tuple(str(t) for t in topics), workers, progress, options, format)


def _serial(
    meetings: Sequence[MeetingSpec],
    lexicon: Lexicon,
    progress: ProgressCallback | None,
    options: ReadOptions | None,
) -> Iterator[BatchResult]:
    for n, meeting in enumerate(meetings, 1):
        result = compare_entry(meeting, lexicon, options)
        if progress:
            progress(n, len(meetings), result)
        yield result


def _parallel(
    meetings: Sequence[MeetingSpec],
    topics: tuple[str, ...],
    workers: int,
    progress: ProgressCallback | None,
    options: ReadOptions | None,
    format: str | None = None,
) -> Iterator[BatchResult]:
    with ProcessPoolExecutor(
        max_workers=min(workers, len(meetings)),
        initializer=_init_worker,
        initargs=(topics, options, format),
    ) as pool:
        finished: dict[int, BatchResult] = {}
        following = 0
        try:  # the submissions too: stopped while submitting, the pool must not run them all
            with _stops_held():  # the workers start here
                index: dict[Future[BatchResult], int] = {
                    pool.submit(_work, m): i for i, m in enumerate(meetings)
                }
            for n, future in enumerate(as_completed(index), 1):
                finished[index[future]] = result = future.result()
                if progress:
                    progress(n, len(meetings), result)
                while following in finished:  # hand results on in list order, as they allow
                    yield finished.pop(following)
                    following += 1
        except BrokenProcessPool:
            raise ReadoutDiffError(
                "a worker process died (out of memory?); try fewer workers"
            ) from None
        except BaseException:  # an error, Ctrl-C, SIGTERM, or the caller stopped reading
            _stop(pool)
            raise


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop at once: the workers are killed mid-meeting (their results are not wanted) and the
    queued meetings cancelled. Shutting down alone lets the running and queued work finish,
    seconds after "interrupted" was printed (and on Python 3.11 all of it, once the pool object
    is gone).

    A worker killed while it wrote its result leaves half a message in the result pipe, and the
    pool's manager thread reading the rest for ever: shutting down (and the interpreter's exit)
    joins that thread, which hung about 1 stop in 6. Once every worker is gone, this process
    holds the pipe's last writing end: closing it gives the thread an end of file instead.
    The pool then writes its stop signals into a pipe nobody reads: with SIGPIPE at its default
    (as the CLI sets it, for `| head`) that would kill this process, so it is ignored, and so is
    a second Ctrl-C or SIGTERM, until the pool is shut down."""
    with _signals_ignored():
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=2)
            if process.is_alive():  # pragma: no cover - SIGTERM is the workers' default
                process.kill()
                process.join(timeout=2)
        writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
        if writer is not None and not any(p.is_alive() for p in processes):
            writer.close()
        pool.shutdown(wait=True, cancel_futures=True)


_STOPS = ("SIGINT", "SIGTERM", "SIGHUP")


@contextmanager
def _stops_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait while the pool starts its workers, and are raised, by
    the handlers they had, once it has. Raised inside the pool's start, a stop could land
    between a worker's fork and the pool's note of it, so that `_stop` did not end that worker
    and the interpreter's exit waited for it for ever (1 stop in 30 at the workers' first
    moment); or inside a fork handler (logging's), where Python prints the exception as
    "ignored" and the run went on to exit 0. The handlers meanwhile only note the signal, so
    it lands harmlessly wherever Python runs them, whichever thread the system gave it to (a
    signal mask would hold it from this thread only: the progress bar's thread took it). A
    worker forked meanwhile has these handlers until `_init_worker` sets its own: there a
    SIGTERM ends it as by default, the others are its parent's to handle."""
    parent = os.getpid()
    caught: list[int] = []

    def note(signum: int, frame: object) -> None:
        if os.getpid() == parent:
            caught.append(signum)
        elif signum == signal.SIGTERM:  # a worker, stopped before `_init_worker`
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    try:
        with _handled(_STOPS, note):
            yield
    finally:  # the stops' own handlers are back
        if caught:
            signal.raise_signal(caught[0])  # raised here, or as its handler would


@contextmanager
def _signals_ignored() -> Iterator[None]:
    with _handled(("SIGPIPE", *_STOPS), signal.SIG_IGN):
        yield


@contextmanager
def _handled(names: Sequence[str], handler: Any) -> Iterator[None]:
    """The signals of `names` (those this system has) with `handler`, then their own handlers
    back. Only the main thread sets handlers: elsewhere nothing changes. A signal whose handler
    was set outside Python (Python reports it as None and cannot set it back: an embedding
    program's) is left be."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    try:
        for name in names:  # one by one: a signal before its own is set is handled as before
            s = getattr(signal, name, None)
            if s is not None and signal.getsignal(s) is not None:
                previous[s] = signal.signal(s, handler)
        yield
    finally:
        for s, was in previous.items():
            signal.signal(s, was)
