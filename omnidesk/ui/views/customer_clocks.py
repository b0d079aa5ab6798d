"""The customer tab's waiting clocks in words: how long they waited on us, how often they wrote.

The figures come from ``services.figures.customer_clocks`` (definitions in
``omnidesk.core.figures``).
"""

from PySide6.QtCore import QCoreApplication

from omnidesk.core.figures import CustomerClocks
from omnidesk.ui.durations import span_text

MAX_LISTED = 8
"""Cases named in the contacts line; the tooltip has them all."""


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("CustomerClocks", text, None, n)


def clocks_text(clocks: CustomerClocks) -> str:
    """Two lines: the total wait (and whether they wait now), the contacts per case."""
    if not clocks.cases:
        return ""
    waited = _tr("Waited on us: {time} in total").format(time=span_text(clocks.waited))
    if clocks.waiting_now:
        waited += " " + _tr("(waiting now)")
    listed = ", ".join(f"#{c.number}: {c.contacts}" for c in clocks.cases[:MAX_LISTED])
    if len(clocks.cases) > MAX_LISTED:
        listed += ", …"
    contacts = _tr("Contacts per case: {cases}").format(cases=listed)
    return f"{waited}\n{contacts}"


def clocks_details(clocks: CustomerClocks) -> str:
    """One line per case: contacts, wait, first response and resolution times."""
    lines = [
        _tr(
            "#{number}: %n contact(s), waited {waited}, first response after {first}, "
            "resolved after {resolved}",
            case.contacts,
        ).format(
            number=case.number,
            waited=span_text(case.waited),
            first=span_text(case.first_response),
            resolved=span_text(case.resolution),
        )
        for case in clocks.cases
    ]
    return "\n".join(lines)
