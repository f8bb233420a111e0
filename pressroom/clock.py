"""The clock: the current moment, and today's date in the workspace's time zone.

Tests and demonstrations fix it with ``PRESSROOM_TODAY=2019-05-01`` (the date) and
``PRESSROOM_NOW=2019-05-01T15:00:00Z`` (the moment, and the date when ``PRESSROOM_TODAY`` is not
set). Everything that needs "now" or "today" asks here.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from typing import Any, Mapping

from pressroom.errors import InputError

ENV_TODAY = "PRESSROOM_TODAY"
ENV_NOW = "PRESSROOM_NOW"


def now_utc(env: Mapping[str, str] | None = None) -> datetime:
    """The current moment in UTC (``$PRESSROOM_NOW`` fixes it)."""
    env = os.environ if env is None else env
    fixed = env.get(ENV_NOW)
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"{ENV_NOW}='{fixed}' is not a date and time like 2019-05-01T15:00:00Z") from None
        return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    return datetime.now(timezone.utc)


def today(workspace: Any = None, env: Mapping[str, str] | None = None) -> date:
    """Today in the workspace's time zone (the machine's without a workspace);
    ``$PRESSROOM_TODAY``, else ``$PRESSROOM_NOW``, fixes it."""
    env = os.environ if env is None else env
    fixed = env.get(ENV_TODAY)
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise InputError(f"{ENV_TODAY}='{fixed}' is not a date like 2019-05-01") from None
    moment = now_utc(env)
    if workspace is None:
        return moment.astimezone().date()
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(workspace.config.defaults.timezone)).date()
