"""aiogram routers, one module per flow. The order matters: specific flows first, the fallback last."""

from aiogram import Router

from handlers import (
    access_request,
    access_review,
    banks,
    campaigns,
    changes,
    chat_member,
    consents,
    errors,
    fallback,
    menu,
    monitoring,
    pairs,
    practices,
    programme,
    publication,
    questionnaire,
    roadmap,
    staff,
    start,
)


def build_root_router() -> Router:
    root = Router(name="root")
    root.include_routers(
        errors.router,
        chat_member.router,
        start.router,
        access_request.router,
        access_review.router,
        consents.router,
        questionnaire.router,
        campaigns.router,
        banks.router,
        pairs.router,
        changes.router,
        programme.router,
        monitoring.router,
        roadmap.router,
        practices.router,
        publication.router,
        staff.router,
        menu.router,
        fallback.router,
    )
    return root
