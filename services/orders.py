"""The orders a school signs (3.4, 3.8, 6.2): fixing a pair or a group, replacing its mentor. DOCX, as the
director signs them, from what the database holds."""

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, Organization, Person
from db.repositories.people import people_with_role
from documents.order_docx import OrderDocument, OrderLine, order_docx
from domain.dates import format_date
from domain.roles import Role
from domain.rules import OrgRules
from locales import texts


async def order_file(
    session: AsyncSession,
    mentorship: Mentorship,
    organization: Organization,
    signer: Person,
    rules: OrgRules,
    *,
    number: str | None = None,
    on: date | None = None,
    replacement: bool = False,
) -> bytes:
    """The order fixing the pair (3.4, 6.2), or — `replacement` — replacing its mentor (3.8)."""
    t = texts()
    assert mentorship.order_number and mentorship.order_date and mentorship.start_date and mentorship.end_date
    mentor = await session.get(Person, mentorship.mentor_id)
    mentees = [p for p in [await session.get(Person, m.mentee_id) for m in mentorship.members] if p is not None]
    curators_ = await people_with_role(session, mentorship.organization_id, Role.CURATOR)
    line = OrderLine(
        mentor=f"{mentor.full_name}, {mentor.position or ''}".rstrip(", ") if mentor else "",
        mentees=[f"{m.full_name}, {m.position or ''}".rstrip(", ") for m in mentees],
        form=t.plain(f"form-{mentorship.form}"),
        period=f"{format_date(mentorship.start_date)} — {format_date(mentorship.end_date)}",
    )
    return order_docx(
        OrderDocument(
            authority=t.plain("order-authority", city=organization.city or ""),
            school=organization.name,
            city=organization.city or "",
            number=number or mentorship.order_number,
            date=on or mentorship.order_date,
            programme_due=(on or mentorship.order_date) + timedelta(days=rules.programme_days),
            curator=curators_[0].full_name if curators_ else "",
            signer_title=t.plain("role-title-director")
            if Role.DIRECTOR in signer.role_set
            else t.plain("role-title-department"),
            signer=signer.full_name,
            lines=[line],
            **(
                {"title": t.plain("order-replacement-title"), "grounds": t.plain("order-replacement-grounds")}
                if replacement
                else {}
            ),
        )
    )
