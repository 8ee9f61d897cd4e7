"""The store changed: imports and comparison runs say so here; what keeps figures of the store listens.

Senders (each after its transaction has committed):

* ``canvass.importing`` and ``sources.importing``, after a file is in
  (``change=IMPORTED``): the CLI and the upload page import through them;
* ``verification.service.run``, after a run's findings and tasks are in
  (``change=COMPARED``).

Listeners: the county dashboard's figures (``dashboard/apps.py`` connects
``dashboard.figures.on_store_changed``).
"""

from __future__ import annotations

from django.dispatch import Signal

IMPORTED, COMPARED = "imported", "compared"

# Sent with ``change``: IMPORTED or COMPARED.
store_changed = Signal()


def say_store_changed(sender: object, change: str) -> None:
    store_changed.send(sender=sender, change=change)
