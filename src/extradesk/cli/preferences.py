"""`extradesk preferences list|set`: a user's preferences, read and changed like in the dialog
(same options, same checks, same French errors)."""

from __future__ import annotations

from extradesk.cli.common import add_db, add_json, open_context, print_json, user_named


def register(sub) -> None:
    prefs = sub.add_parser("preferences", help="préférences d'un utilisateur : lister, modifier")
    what = prefs.add_subparsers(dest="preferences_command", metavar="ACTION", required=True,
                                parser_class=type(prefs))
    prefs.set_defaults(handler=cmd_preferences)
    listing = what.add_parser("list", help="lister les préférences et leurs valeurs")
    add_db(listing)
    add_json(listing)
    listing.add_argument("--user", metavar="NOM", help="utilisateur (nom ou initiales ; par "
                         "défaut : le dernier utilisateur)")
    change = what.add_parser("set", help="modifier une préférence (CLE VALEUR, par exemple "
                             "search.mode « commence par »)")
    add_db(change)
    change.add_argument("--user", metavar="NOM", required=True,
                        help="utilisateur (nom ou initiales)")
    change.add_argument("key", metavar="CLE")
    change.add_argument("value", metavar="VALEUR")


def cmd_preferences(args) -> int:
    return {"list": _list, "set": _set}[args.preferences_command](args)


def _user(ctx, args) -> int | None:
    return user_named(ctx, args.user) if args.user else ctx.user_id


def _list(args) -> int:
    from extradesk.services import preference_forms as forms

    ctx = open_context(args, read_only=True)
    views = forms.describe(ctx, user_id=_user(ctx, args))
    if getattr(args, "json", False):
        print_json([{"key": v.key, "section": v.section, "label": v.label, "kind": v.kind,
                     "value": v.value, "default": v.default,
                     "choices": [c for c, _ in v.choices]} for v in views])
        return 0
    section = None
    for view in views:
        if view.section != section:
            section = view.section
            title = forms.section_title(section) if section else "Autres"
            print(f"\n{title}" if view is not views[0] else title)
        print(f"  {view.key} = {forms.shown(view)}  ({view.label})")
    return 0


def _set(args) -> int:
    from extradesk.services import preference_forms as forms
    from extradesk.services import preferences

    ctx = open_context(args)
    user_id = _user(ctx, args)
    value = forms.parse(ctx, args.key, args.value)
    preferences.set_value(ctx, args.key, value=value, user_id=user_id)
    view = next(v for v in forms.describe(ctx, user_id=user_id) if v.key == args.key)
    print(f"{view.label} : {forms.shown(view)}")
    return 0
