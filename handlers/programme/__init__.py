"""The personalized programme (3.6) and what follows it, one module per sub-flow: reading it (screens), writing
it (editor), the mentee's side (mentee), checking activities (progress), comments, meetings. Each imports only
handlers/programme/common.py of this package; the use cases live in services/programme.py and services/reports.py."""

from aiogram import Router

from handlers.filters import IsLinked
from handlers.programme import comments, editor, meetings, mentee, progress, screens

router = Router(name="programme")
router.message.filter(IsLinked())
router.callback_query.filter(IsLinked())
router.include_routers(screens.router, editor.router, mentee.router, progress.router, comments.router, meetings.router)
