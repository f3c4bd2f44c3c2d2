"""Changes of a running mentorship, one module per sub-flow: the participants' changes by mutual agreement,
their answers and petitions (agreement); the curator's replacement of the mentor (replacement). The orders of
replacements are given in handlers/pairs/approval.py with every other order."""

from aiogram import Router

from handlers.callbacks import ChangeCb
from handlers.changes import agreement, replacement

router = Router(name="changes")
router.include_routers(replacement.router, agreement.router)

__all__ = ["ChangeCb", "router"]
