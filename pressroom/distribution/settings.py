"""Distribution settings: the ``distribution:`` section of ``pressroom.yaml`` and ``mail.rate``.

::

    distribution:
      unsubscribe: press+unsubscribe@example.org   # List-Unsubscribe (mailto), required to send
      embargo_trusted: [wire desks]                # lists that may get embargoed releases

    mail:
      rate: 60/min      # messages per second/minute/hour (60/min by default); "off" for no limit

Every value is validated with its location in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pressroom.errors import InputError, Location

KEYS = ("unsubscribe", "embargo_trusted")
DEFAULT_RATE = 1.0  # messages per second: 60/min
_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(s|sec|second|m|min|minute|h|hour)\s*$", re.I)
_PER = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600}


@dataclass(frozen=True)
class DistributionSettings:
    unsubscribe: str | None          # a bare address for List-Unsubscribe's mailto
    embargo_trusted: tuple[str, ...]  # list names (as written)
    rate: float | None               # messages per second; None: no limit
    where: Location | None = None

    def trusted(self, list_name: str) -> bool:
        from pressroom.journalists.directory import list_key

        return list_key(list_name) in {list_key(n) for n in self.embargo_trusted}


def parse_rate(value: object, where: Location | None) -> float | None:
    """``60/min``, ``2/s``, ``500/hour`` → messages per second; ``off`` (or YAML's false) → None."""
    if value is None:
        return DEFAULT_RATE
    if value is False or (isinstance(value, str) and value.strip().lower() in ("off", "none", "no")):
        return None
    if isinstance(value, str):
        match = _RATE.match(value)
        if match:
            count = float(match.group(1))
            if count <= 0:
                raise InputError("'rate' must be more than 0 (or 'off')", where=where)
            return count / _PER[match.group(2).lower()]
    raise InputError(f"'rate' must be like 60/min, 2/s or 500/hour, or off; not {value!r}"[:200],
                     where=where)


def distribution_settings(workspace) -> DistributionSettings:  # noqa: ANN001 - a Workspace
    from pressroom.mail.compose import check_address
    from pressroom.yamlfile import YamlMap, check_keys, get_str, get_str_list, require_map

    shown = workspace.shown(workspace.config_path)
    section = workspace.config.section("distribution")
    unsubscribe, trusted, where = None, (), None
    if section is not None:
        where = section.where() if hasattr(section, "where") else Location(shown)
        mapping = require_map(section, "'distribution'", where)
        check_keys(mapping, KEYS, what="'distribution'")
        text = get_str(mapping, "unsubscribe", multiline=False)
        if text:
            if text.lower().startswith("mailto:"):
                text = text[7:]
            unsubscribe = check_address(text, mapping.where("unsubscribe"),
                                        what="unsubscribe address")
        trusted = tuple(get_str_list(mapping, "embargo_trusted"))
        from pressroom.journalists.directory import check_list_name

        for index, name in enumerate(trusted):
            items = mapping.get("embargo_trusted")
            at = items.where(index) if hasattr(items, "where") and isinstance(items, list) \
                else mapping.where("embargo_trusted")
            check_list_name(name, at)
    mail = workspace.config.section("mail")
    rate = DEFAULT_RATE
    if isinstance(mail, YamlMap) and "rate" in mail:
        rate = parse_rate(mail.get("rate"), mail.where("rate"))
    return DistributionSettings(unsubscribe, trusted, rate, where)
