"""Pairs and groups, one module per sub-flow: the curator's list and card (curator), a proposal (proposal),
whole-pool matching (pool), the participants' answer (participation), the director's and the department's
orders (approval), completion and the reports (completion). Shared rendering lives in render.py and card.py;
the sub-flows import those, never each other."""

from aiogram import Router

from handlers.pairs import approval, completion, curator, participation, pool, proposal

router = Router(name="pairs")
router.include_routers(
    curator.router, proposal.router, pool.router, completion.router, participation.router, approval.router
)
