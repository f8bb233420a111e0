"""The one Jinja2 environment of a workspace: the override chain, shared filters, error locations.

Templates are looked up in the workspace's ``templates/`` first, then in the defaults shipped with
pressroom; ``default/<name>`` always names a default, so a workspace template can
``{% extends "default/release.html.j2" %}`` and override one block. HTML templates (``*.html.j2``,
``*.htm.j2``, ``*.xml.j2``) autoescape; text, Markdown and JSON ones do not. A missing variable is
an error (``StrictUndefined``).

Compiled templates are kept in Jinja2's bytecode cache (a folder of the user's own in the system
temporary folder, checked by Jinja2 to be private), keyed by the template's file and a checksum of
its source: a command that renders one message (``credential approve``) skips the compile on every
run but the first. A cache that cannot be made or written costs only that compile.

Every user of templates (releases, mail, the digest, the site, distribution) renders through
:class:`Templates`, so every template mistake becomes one :class:`~pressroom.errors.InputError`
located at the template's file and line (``templates/release.txt.j2:2: division by zero``).
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any, Callable

from pressroom.errors import InputError, Location, PressroomError

AUTOESCAPED = ("html.j2", "htm.j2", "xml.j2")


def _bytecode_cache() -> Any:
    """Jinja2's file cache of compiled templates, or None where it cannot be had."""
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a full disk, the folder removed by a cleaner: compile next time
                pass

    try:
        return QuietCache()
    except (OSError, RuntimeError):  # RuntimeError: no private folder can be made (Jinja2's check)
        return None


class Templates:
    """The template chain of one workspace. Build one and reuse it: each template compiles once."""

    def __init__(self, workspace: Any, filters: dict[str, Callable[..., Any]] | None = None) -> None:
        import jinja2

        from pressroom.templates_path import default_templates_dir

        self.workspace = workspace
        defaults = default_templates_dir()
        loaders: list[Any] = []
        own = workspace.templates_dir
        # In the source checkout the example workspace's templates/ IS the defaults folder.
        if own.is_dir() and own.resolve() != defaults.resolve():
            loaders.append(jinja2.FileSystemLoader(str(own)))
        loaders.append(jinja2.FileSystemLoader(str(defaults)))
        self._folders = [Path(loader.searchpath[0]) for loader in loaders]
        loaders.append(jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(defaults))}))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(enabled_extensions=AUTOESCAPED,
                                                disabled_extensions=(), default=False,
                                                default_for_string=False),
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
            bytecode_cache=_bytecode_cache())
        if filters:
            self.env.filters.update(filters)
        self._compiled: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        """The compiled template *name*; a missing or broken template raises a located InputError."""
        cached = self._compiled.get(name)
        if cached is None:
            import jinja2

            try:
                cached = self.env.get_template(name)
            except jinja2.TemplateError as exc:
                raise self.error(exc) from None
            except UnicodeDecodeError as exc:
                raise InputError(f"template {name} is not UTF-8 text (byte {exc.object[exc.start]:#04x} "
                                 f"at offset {exc.start})", where=self._file_of(name)) from None
            self._compiled[name] = cached
        return cached

    def render(self, name: str, context: dict[str, Any], *, where: Location | str | None = None) -> str:
        """Render template *name*; errors are located at the template line, else at *where*."""
        return self.render_template(self.get(name), context, where=where)

    def render_template(self, template: Any, context: dict[str, Any], *,
                        where: Location | str | None = None) -> str:
        import jinja2

        try:
            return template.render(context)
        except jinja2.TemplateError as exc:
            raise self.error(exc) from None
        except PressroomError as exc:  # raised by a filter
            raise exc.located(self.location(exc) or where) from None
        except RecursionError:
            raise InputError("template error: recursion too deep (a macro or include calls itself)",
                             where=self._file_of(template.name)) from None
        except ArithmeticError as exc:  # {{ 1/0 }}, an overflow: the template's own mistake
            raise InputError(f"template error: {exc}", where=self.location(exc) or
                             self._file_of(template.name)) from None

    def location(self, exc: BaseException) -> Location | None:
        """The template file and line an exception was raised from (Jinja rewrites tracebacks
        so that template frames carry the template's file name and line)."""
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2"):
                return Location(self.workspace.shown(Path(frame.filename)), frame.lineno)
        return None

    def _file_of(self, name: str | None) -> Location | None:
        """Where template *name* lives (the first folder of the chain that has it)."""
        if not name:
            return None
        for folder in self._folders:
            path = folder / name
            if path.is_file():
                return Location(self.workspace.shown(path))
        return Location(name)

    def error(self, exc: Any) -> InputError:
        """One located InputError for a Jinja2 error."""
        import jinja2

        if isinstance(exc, jinja2.TemplateSyntaxError):
            file = exc.filename or exc.name or "<template>"
            where = Location(self.workspace.shown(Path(file)) if exc.filename else file, exc.lineno)
            return InputError(f"template syntax error: {exc.message}", where=where)
        if isinstance(exc, jinja2.TemplateNotFound):
            return InputError(f"template '{exc.name}' not found in "
                              f"{self.workspace.shown(self.workspace.templates_dir)} or the defaults",
                              where=self.location(exc))
        message = getattr(exc, "message", None) or str(exc)
        return InputError(f"template error: {message}", where=self.location(exc))
