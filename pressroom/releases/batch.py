"""`release render --all`: every release of a workspace rendered into a folder, on every core.

Loading (YAML, validation, datelines) and rendering (Markdown, Jinja2) are CPU work that each
release does alone, so with many releases they run in forked worker processes; the parent gathers
the texts and writes the files. The parent builds the loader and the renderer (template compiled,
Markdown parser built, their modules imported) before forking, so that the workers inherit them
ready instead of each paying for them again. Whatever the number of processes the
outcome is the same as rendering one by one: every release is validated and rendered before any
file is written, and the first invalid release (in file-name order) is the error reported.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from pressroom.errors import InputError, Location, PressroomError

PARALLEL_FROM = 100  # below this, starting processes costs more than it saves
MAX_JOBS = 8

# (ReleaseLoader, Renderer): set in the parent before forking, inherited by the workers.
_worker_tools: Any = None


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(count: int) -> int:
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(cores(), MAX_JOBS))


def capped_jobs(jobs: int | None, count: int) -> int:
    """The processes to use: the default for *count* releases, or *jobs* capped at the number of
    cores (more processes than cores only cost memory; ``--jobs 100000`` must not fork a storm)."""
    if jobs is None:
        return default_jobs(count)
    return max(1, min(jobs, cores()))


def render_workspace(workspace: Any, out_dir: Path, fmt: str = "text", *, style: str | None = None,
                     jobs: int | None = None,
                     progress: Callable[[int], None] | None = None) -> list[Path]:
    """Render every release of *workspace* into *out_dir*; returns the files written.

    *progress* is called with the number of releases just finished."""
    from pressroom.releases.load import load_many, release_files
    from pressroom.releases.render import render_all

    paths = release_files(workspace)
    jobs = capped_jobs(jobs, len(paths))
    if jobs == 1 or len(paths) < 2:
        releases, errors = load_many(paths, workspace)
        if errors:
            raise errors[0]
        return render_all(releases, workspace, out_dir, fmt, style=style,
                          progress=(lambda _r: progress(1)) if progress else None)

    from pressroom.releases import markdown
    from pressroom.releases.load import ReleaseLoader
    from pressroom.releases.render import Renderer, write_rendered

    renderer = Renderer(workspace)
    renderer.template(fmt)  # a broken template fails once, here, not in every worker
    markdown.parser()
    if style is not None:
        from pressroom.apstyle import check_dateline_style

        style = check_dateline_style(style)
    tools = (ReleaseLoader(workspace), renderer)
    results = _render_in_workers(tools, paths, fmt, style, jobs, progress)
    seen: dict[str, str] = {}
    rendered: list[tuple[Path, str]] = []
    for outcome in results:  # in file-name order, like load_many
        if outcome[0] == "error":
            _, message, where, status = outcome
            raise PressroomError(message, where=where, exit_status=status)
        _, slug, shown, name, text = outcome
        if slug in seen:
            raise InputError(f"slug '{slug}' is also used by {seen[slug]}", where=Location(shown))
        seen[slug] = shown
        rendered.append((out_dir / name, text))
    return write_rendered(rendered, out_dir)


def _render_in_workers(tools: tuple[Any, Any], paths: list[Path], fmt: str, style: str | None,
                       jobs: int, progress: Callable[[int], None] | None) -> list[tuple]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker_tools
    size = max(1, min(50, len(paths) // (jobs * 4)))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    _worker_tools = tools
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            outcomes: list[tuple] = []
            for chunk_result in pool.map(_render_chunk, [(c, fmt, style) for c in chunks]):
                outcomes.extend(chunk_result)
                if progress is not None:
                    progress(len(chunk_result))
    finally:
        _worker_tools = None
    return outcomes


def _render_chunk(job: tuple[list[Path], str, str | None]) -> list[tuple]:
    """In a worker: load and render some releases. Errors travel back as plain values."""
    from pressroom.releases.render import output_name

    paths, fmt, style = job
    loader, renderer = _worker_tools
    out: list[tuple] = []
    for path in paths:
        try:
            release = loader.load(path)
            text = renderer.render(release, fmt, style=style)
        except PressroomError as exc:
            where = str(exc.where) if exc.where is not None else None
            out.append(("error", exc.message, where, exc.exit_status))
            continue
        out.append(("ok", release.slug, release.shown, output_name(release, fmt), text))
    return out
