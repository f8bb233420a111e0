"""``site serve``: a preview of the site on 127.0.0.1, rebuilt when its inputs change.

The preview is built into a temporary folder with the local address as its base URL (the real
output folder is not touched). Changes are found by polling modification times (pressroom.yaml,
releases/, templates/, the SQLite database): no dependency, works on every file system. A build
that fails prints its error and keeps serving the last good site.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Callable

from pressroom.errors import OperationalError, PressroomError

HOST = "127.0.0.1"


def stamp(workspace: Any) -> tuple:
    """The modification times and sizes of everything a build reads from files."""
    seen = []
    paths = [workspace.config_path, workspace.database_path]
    for folder in (workspace.releases_dir, workspace.templates_dir):
        if folder.is_dir():
            paths.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        seen.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(seen)


def serve_site(workspace: Any, *, port: int = 8000, interval: float = 1.0,
               echo: Callable[[str], None] = print, stop: threading.Event | None = None) -> None:
    import functools
    import tempfile
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from pressroom.site.build import SiteBuilder, summary_lines

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
            pass

    stop = stop or threading.Event()
    with tempfile.TemporaryDirectory(prefix="pressroom-site-") as folder:
        out = Path(folder) / "site"
        handler = functools.partial(Quiet, directory=str(out))
        try:
            server = ThreadingHTTPServer((HOST, port), handler)
        except OSError as exc:
            raise OperationalError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
        base = f"http://{HOST}:{server.server_address[1]}/"

        builders: dict[tuple, Any] = {}

        def rebuild() -> None:
            # One builder per version of pressroom.yaml: it keeps parsed releases, compiled
            # templates and unchanged pages between rebuilds.
            config = workspace.config_path.stat()
            key = (config.st_mtime_ns, config.st_size)
            try:
                builder = builders.get(key)
                if builder is None:
                    builders.clear()
                    builder = builders[key] = SiteBuilder(type(workspace)(workspace.root),
                                                          out=out, base_url=base)
                result = builder.build()
            except PressroomError as exc:
                echo(f"error: {exc}")
                return
            for line in summary_lines(result):
                echo(line)

        out.mkdir()
        # The inputs are stamped before the first build: a change made while it runs, or as soon
        # as the address is printed, is then seen by the first poll instead of being taken for
        # the state that was built.
        last = stamp(workspace)
        rebuild()
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        echo(f"serving the preview at {base} (Ctrl-C stops)")
        try:
            while not stop.wait(interval):
                now = stamp(workspace)
                if now != last:
                    last = now
                    rebuild()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            server.server_close()
