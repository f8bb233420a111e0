"""Press credentials for events: requests, routing, decisions, rosters and follow-up.

The state machine is :mod:`.workflow` (one table of legal moves); intake and CSV import are
:mod:`.intake`; recording, listing and purging :mod:`.requests`; decisions :mod:`.decisions`;
the registration-desk roster and the coverage follow-up :mod:`.reports`; messages from templates
:mod:`.messages`. Importing :mod:`.tables` registers the tables on the store's metadata.
"""

from pressroom.credentials.workflow import ACTIONS, CLOSED, STATUSES, TRANSITIONS

__all__ = ["ACTIONS", "CLOSED", "STATUSES", "TRANSITIONS"]
