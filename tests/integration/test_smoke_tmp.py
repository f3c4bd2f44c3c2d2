from zoneinfo import ZoneInfo
from sqlalchemy.ext.asyncio import AsyncSession
from services import monitoring, publication
from domain.indicators import school_year_period
from domain.rules import OrgRules
from locales import Texts
from tests.seeding import seed_year, TODAY, YEAR

async def test_smoke(session: AsyncSession) -> None:
    schools = await seed_year(session)
    t = Texts()
    tz = ZoneInfo("Europe/Moscow")
    for s in schools:
        board = await monitoring.dashboard(session, s.organization, OrgRules(), tz, school_year_period(YEAR), TODAY)
        print(board)
        bundle = await monitoring.annual_report(session, s.organization, OrgRules(), tz, YEAR, TODAY, t.plain)
        open(f"/tmp/report_{s.organization.id}.docx","wb").write(bundle.docx)
        open(f"/tmp/report_{s.organization.id}.xlsx","wb").write(bundle.xlsx)
        for name, png in bundle.charts:
            open(f"/tmp/{s.organization.id}_{name}","wb").write(png)
        prev, z = await publication.export(session, s.organization, s.curator, TODAY, t.plain, tz)
        open(f"/tmp/site_{s.organization.id}.zip","wb").write(z)
    x, png = await monitoring.comparison_files(session, tz, YEAR, TODAY, t.plain)
    open("/tmp/cmp.png","wb").write(png)
