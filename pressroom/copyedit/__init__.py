"""AP copy-editing of prose: release bodies, pitch emails, web page drafts.

The rules are data (``data/*.csv``) plus small matchers (:mod:`.rules`), each knowing its
exceptions; text is prepared first (:mod:`.text`: invisible characters, quotes, URLs, proper
names, inline silencers). :func:`check_text` finds :class:`Issue` s; :func:`apply_issues` applies
the safe ones; :mod:`.yamlbody` maps a release body's offsets to its YAML file and edits the file
in place. House style comes from ``pressroom.yaml``'s ``style:`` section (:mod:`.config`).
"""

from pressroom.copyedit.check import Issue, apply_issues, check_text
from pressroom.copyedit.config import StyleConfig, parse_style, workspace_style

__all__ = ["Issue", "StyleConfig", "apply_issues", "check_text", "parse_style", "workspace_style"]
