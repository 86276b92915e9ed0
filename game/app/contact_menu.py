"""A page's contact options asked in two steps, as the terminal asks them:
first how to keep in touch (no contact, or one of the methods), then how
often. The options are the page's own choices (`portfolio_view.option_choices`
on the plan, `quarter_week.revise_options` on "Change your plan"), grouped
by method in the order the page lists them and otherwise untouched: the same
labels, details (hours, weeks, a moved start, a too-often warning) and
refusals the browser and the window show. Also the words for a choice that
cannot be taken, which every shell shows the same way.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.app.choices import Choice
from game.core.portfolio.model import METHOD_TITLES
from game.core.portfolio.quarter import Contact


@dataclass(frozen=True)
class ContactMenu:
    none: Choice  # 'No contact'
    methods: tuple[tuple[str, tuple[Choice, ...]], ...]  # ('Visit', (the page's 'Visit every week', …)), in order

    def options(self, method_index: int) -> tuple[Choice, ...]:
        """The page's choices for the method numbered `method_index` (1-based, as listed)."""
        return self.methods[method_index - 1][1]


def contact_menu(choices) -> ContactMenu:
    """The page's contact choices (actions (kind, Contact or None)) grouped by method; its other choices ('Back')
    are the shell's own keys and are left out."""
    none = next(c for c in choices if isinstance(c.action, tuple) and c.action[1] is None)
    groups: dict[str, list[Choice]] = {}
    for c in choices:
        if isinstance(c.action, tuple) and isinstance(c.action[1], Contact):
            groups.setdefault(c.action[1].method, []).append(c)
    return ContactMenu(none, tuple((METHOD_TITLES[m], tuple(items)) for m, items in groups.items()))


def refusal(choice: Choice) -> str:
    """Why a disabled choice cannot be taken, in the words every shell shows: a contact that does not fit can make
    room by giving another account less time; an answer that does not fit this week's hours can be let go."""
    why = f" ({choice.detail})" if choice.detail else ""
    if isinstance(choice.action, tuple) and choice.action[0] == "reply":
        return (f"“{choice.label}” cannot be chosen{why}: it does not fit in the time left. Choose one that fits, "
                "or let it go.")
    return (f"“{choice.label}” cannot be chosen{why}: it does not fit in the time left. Choose one that fits, "
            "or give another account less time first.")
