"""aiogram routers, one module per flow. The order matters: specific flows first, the fallback last.

The flows are imported when the router tree is built, not when `handlers` is: a command that needs one
module (the reminder texts for `remind`) does not pay for importing every flow."""

from importlib import import_module

from aiogram import Router

FLOWS = (
    "errors",
    "chat_member",
    "start",
    "access_request",
    "access_review",
    "consents",
    "questionnaire",
    "campaigns",
    "banks",
    "pairs",
    "changes",
    "programme",
    "monitoring",
    "roadmap",
    "practices",
    "publication",
    "staff",
    "menu",
    "fallback",
)


def build_root_router() -> Router:
    root = Router(name="root")
    root.include_routers(*(import_module(f"handlers.{flow}").router for flow in FLOWS))
    return root
