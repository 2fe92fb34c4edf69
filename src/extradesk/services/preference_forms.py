"""The preferences as a person sees them (the dialog, `extradesk preferences list`): each
option with its French label, section, choices and value; and values typed as text read back
into the option's type (`extradesk preferences set`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Integer, String, column, select, table

from extradesk.core.errors import Problem, ValidationError
from extradesk.core.search_text import fold
from extradesk.i18n import messages
from extradesk.i18n import preferences as words
from extradesk.services import preferences
from extradesk.services.context import Context
from extradesk.services.preferences import OPTIONS, Option


@dataclass(frozen=True)
class OptionView:
    key: str
    kind: str
    section: str  # "" for options kept out of the dialog
    label: str
    value: Any
    default: Any
    choices: tuple[tuple[Any, str], ...]  # (value, French label); references: active items


def choice_label(opt: Option, value: Any) -> str:
    if opt.kind == "bool":
        return words.YES if value else words.NO
    return words.CHOICES.get(opt.key, {}).get(value, str(value))


def _reference_items(ctx: Context, opt: Option, current: Any) -> tuple[tuple[int, str], ...]:
    name, _, kind = (opt.reference or "").partition(":")
    view = table(preferences._REF_TABLES[name], column("id", Integer), column("label", String),
                 column("position", Integer), column("active", Boolean),
                 *([column("kind", String)] if kind else []))
    query = select(view.c.id, view.c.label, view.c.active)
    if kind:
        query = query.where(view.c.kind == kind)
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(query.order_by(view.c.position, view.c.label)).all()
    # An item made inactive since it was chosen stays offered, or the choice would vanish.
    return tuple((r.id, r.label) for r in rows if r.active or r.id == current)


def describe(ctx: Context, *, user_id: int | None = None) -> list[OptionView]:
    """Every option with the user's value, in the order of their sections, then hidden ones."""
    values = preferences.get_all(ctx, user_id=user_id)
    order = {name: i for i, name in enumerate(preferences.SECTIONS)}
    views = []
    for opt in sorted(OPTIONS.values(), key=lambda o: order.get(o.section, len(order))):
        if opt.kind == "reference":
            choices = _reference_items(ctx, opt, values[opt.key])
        elif opt.kind == "bool":
            choices = ((True, words.YES), (False, words.NO))
        else:
            choices = tuple((c, choice_label(opt, c)) for c in opt.choices or ())
        views.append(OptionView(opt.key, opt.kind, opt.section, messages.text(opt.label),
                                values[opt.key], opt.default, choices))
    return views


def unset_label(key: str) -> str:
    """What leaving a reference option empty means."""
    return words.UNSET.get(key, words.NONE)


def section_title(section: str) -> str:
    return words.SECTIONS.get(section, section)


def shown(view: OptionView) -> str:
    """The value in French, on one line (`preferences list`)."""
    value, labels = view.value, dict(view.choices)
    if view.kind == "bool":
        return words.YES if value else words.NO
    if view.kind == "list":
        return ", ".join(labels.get(v, v) for v in value) or words.NONE
    if view.kind == "images":
        return ", ".join(f"{labels.get(k, k)} : {p}" for k, p in value.items()) or words.NONE
    if view.kind == "reference":
        return labels.get(value, words.NONE) if value is not None else unset_label(view.key)
    if value in ("", None):
        return words.NONE
    if view.kind == "decimal":
        return str(value).replace(".", ",")
    return labels.get(value, str(value))


def parse(ctx: Context, key: str, text: str) -> Any:
    """`text`, as typed on the command line, in the type of option `key` (not yet checked
    against its choices: set_value does that). Choices and references are also accepted by
    their French label."""
    opt = preferences.option(key)
    typed = text.strip()
    folded = fold(typed)
    if opt.kind == "bool":
        if folded in words.TRUE_WORDS:
            return True
        if folded in words.FALSE_WORDS:
            return False
        raise _unreadable(opt, text)
    if opt.kind == "int":
        try:
            return int(typed)
        except ValueError:
            raise _unreadable(opt, text) from None
    if opt.kind == "choice":
        return _by_label(opt, typed)
    if opt.kind == "list":
        return [_by_label(opt, part.strip()) for part in typed.split(",") if part.strip()]
    if opt.kind == "images":
        found = {}
        for part in filter(None, (p.strip() for p in typed.split(","))):
            button, sep, path = part.partition("=")
            if not sep:
                raise _unreadable(opt, text)
            found[_by_label(opt, button.strip())] = path.strip()
        return found
    if opt.kind == "reference":
        return _reference(ctx, opt, typed)
    if opt.kind == "decimal":  # 0,045 as a French person types it
        return typed.replace(" ", "").replace(",", ".")
    return typed


def _by_label(opt: Option, typed: str) -> Any:
    labels = words.CHOICES.get(opt.key, {})
    for choice in opt.choices or ():
        if fold(typed) in (fold(str(choice)), fold(labels.get(choice, ""))):
            return choice
    return typed  # refused by set_value with the option's French error


def _reference(ctx: Context, opt: Option, typed: str) -> int | None:
    if fold(typed) in words.NONE_WORDS:
        return None
    if typed.isdigit():
        return int(typed)
    for item_id, label in _reference_items(ctx, opt, None):
        if fold(label) == fold(typed):
            return item_id
    name = (opt.reference or "").partition(":")[0]
    raise ValidationError([Problem(opt.key, "preference.reference_label",
                                   {"key": opt.key, "value": typed, "list": name})])


def _unreadable(opt: Option, text: str) -> ValidationError:
    return ValidationError([Problem(opt.key, "preference.unreadable", {
        "key": opt.key, "value": text, "expected": words.EXPECTED[opt.kind]})])
