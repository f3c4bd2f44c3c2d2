"""`python -m bot invite`: create (or find) the staff record, grant the role, print the deep link."""

from dataclasses import dataclass
from datetime import datetime

from bot.settings import Settings
from db.engine import create_engine, session_factory
from db.repositories.invites import issue_invite
from db.repositories.organizations import ensure_default_organization, find_organization, rules_of
from db.repositories.people import StaffFields, add_role, create_person, find_by_name
from domain.dates import format_date
from domain.invites import deep_link
from domain.roles import Role
from locales import texts


@dataclass(frozen=True)
class InviteResult:
    name: str
    role: Role
    school: str
    code: str
    link: str
    expires_at: datetime

    def describe(self) -> str:
        return (
            f"Сотрудник: {self.name} ({self.school}), роль: {texts().plain(f'role-{self.role}')}\n"
            f"Ссылка-приглашение: {self.link}\n"
            f"Код: {self.code}\n"
            f"Действует до {format_date(self.expires_at.date())}, один раз. "
            f"Можно отправить боту команду: /start {self.code}"
        )


async def resolve_bot_username(settings: Settings) -> str:
    """The bot's @username for the link: BOT_USERNAME, the local emulator's, or getMe (asked with aiohttp
    alone: importing aiogram's types would take longer than the whole command should)."""
    if settings.bot_username:
        return settings.bot_username
    if settings.local_mode and not settings.telegram_api_url:
        from bot.emulator.state import EmulatorState

        return EmulatorState().bot_username
    import aiohttp

    base = (settings.telegram_api_url or "https://api.telegram.org").rstrip("/")
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http,
            http.get(f"{base}/bot{settings.token}/getMe") as response,
        ):
            answer = await response.json()
        return str(answer["result"]["username"])
    except (aiohttp.ClientError, OSError, TimeoutError, KeyError, TypeError, ValueError):
        return "your_bot"  # the code printed below still works with /start <code>


async def create_invite(
    settings: Settings, database_url: str, role: Role, name: str, position: str | None, school: str | None
) -> InviteResult | str:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with session_factory(engine)() as session:
            if school:
                organization = await find_organization(session, school)
                if organization is None:
                    return f"школа «{school}» не найдена"
            else:
                organization = await ensure_default_organization(session)
            person = await find_by_name(session, organization.id, name)
            if person is None:
                person = await create_person(session, organization.id, StaffFields(name, position), [role])
            else:
                await add_role(session, person, role)
            invite = await issue_invite(session, person, ttl_days=rules_of(organization).invite_ttl_days)
            await session.commit()
            school_name = organization.short_name
    finally:
        await engine.dispose()
    link = deep_link(await resolve_bot_username(settings), invite.code)
    return InviteResult(name, role, school_name, invite.code, link, invite.expires_at)
