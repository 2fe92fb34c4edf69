"""Users, the per-PC last user, preferences and backups."""

import sqlite3

import pytest

from extradesk.core.errors import ConflictError, NotFoundError, ValidationError
from extradesk.services import backup, preferences, users
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput, UserInput


def test_first_user_exists_and_new_users_are_validated(ctx):
    [first] = users.list_users(ctx)
    assert first.name == "Utilisateur principal" and ctx.user_id == first.id
    new_id, _ = users.create_user(ctx, UserInput(
        name="Sophie Garnier", email="Sophie@Exemple.fr", mobile="0611223344", color="#aa3300"))
    sophie = users.get_user(ctx, new_id)
    assert (sophie.initials, sophie.email, sophie.mobile) == ("SG", "sophie@exemple.fr",
                                                              "+33611223344")
    with pytest.raises(ConflictError):
        users.create_user(ctx, UserInput(name="Serge Gautier", initials="sg"))
    with pytest.raises(ValidationError) as caught:
        users.create_user(ctx, UserInput(name="", color="rouge", email="x@"))
    assert {p.message_id for p in caught.value.problems} == {
        "user.name_required", "color.invalid", "email.invalid"}


def test_last_user_is_remembered_per_pc(ctx, tmp_path):
    state = tmp_path / "state.json"
    other, _ = users.create_user(ctx, UserInput(name="Karim Benali"))
    assert users.last_user_id(ctx, state=state) == ctx.user_id
    users.switch_user(ctx, other, state=state)
    assert ctx.user_id == other
    assert users.last_user_id(ctx, state=state) == other
    users.update_user(ctx, other, data=UserInput(name="Karim Benali", initials="KB", active=False))
    assert users.last_user_id(ctx, state=state) != other  # inactive: back to someone active
    with pytest.raises(NotFoundError):
        users.switch_user(ctx, 999, state=state)


def test_preferences_are_per_user_with_typed_defaults(ctx):
    key = preferences.SEARCH_MODE.key
    assert preferences.get(ctx, key) == "contains"
    preferences.set_value(ctx, key, value="starts_with")
    assert preferences.get(ctx, key) == "starts_with"
    other, _ = users.create_user(ctx, UserInput(name="Marc Lefèvre"))
    assert preferences.get(ctx, key, user_id=other) == "contains"
    with pytest.raises(ValidationError):
        preferences.set_value(ctx, key, value="fuzzy")
    with pytest.raises(NotFoundError):
        preferences.get(ctx, "no.such.option")


@pytest.mark.sqlite_only
def test_backup_is_a_consistent_openable_copy(ctx, tmp_path):
    clients.create_client(ctx, ClientInput(last_name="Sauvegardé"))
    progress = []
    target = backup.make_backup(ctx, target=tmp_path / "copie.sqlite3",
                                progress=lambda done, total: progress.append((done, total)))
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT last_name FROM clients").fetchall() == [("Sauvegardé",)]
    assert progress and progress[-1][0] == progress[-1][1]
    assert not list(tmp_path.glob("*.partial"))
    default = backup.make_backup(ctx)
    assert default.parent == ctx.db.sqlite_path.parent / "backups"
