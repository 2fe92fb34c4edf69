"""A prospect who signs a quote or is invoiced becomes a client (a setting, on by default)."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from extradesk.core.search_text import fold
from extradesk.models import Client, ClientStatus
from extradesk.services import preferences
from extradesk.services.context import Context

_C = Client.__table__.c
_ST = ClientStatus.__table__.c
# Folded labels of the reference list (services.references "status") a sale moves on from;
# "Ancien client" and labels the user added are left alone.
_BEFORE_SALE = ("suspect", "prospect")
_CLIENT = "client"


def wanted(ctx: Context) -> bool:
    """Read before the writing transaction (the preference lives on its own connection)."""
    return bool(preferences.get(ctx, preferences.PROMOTE_PROSPECTS.key))


def promote(conn: Connection, client_id: int, *, now) -> bool:
    """Set the client's status to "Client" when it is a suspect or prospect (or has none).

    Nothing happens when the list has no "Client" item (renamed by the user). True when the
    status changed.
    """
    statuses = {fold(label): status_id for status_id, label in
                conn.execute(select(_ST.id, _ST.label).where(_ST.active.is_(True)))}
    target = statuses.get(_CLIENT)
    if target is None:
        return False
    current = conn.execute(select(_C.status_id).where(_C.id == client_id)).scalar()
    before = {statuses[label] for label in _BEFORE_SALE if label in statuses}
    if current is not None and current not in before:
        return False
    conn.execute(update(Client.__table__).where(_C.id == client_id)
                 .values(status_id=target, updated_at=now))
    return True


