"""The bot's map of buttons: every CallbackData factory in one module, so flows never import each other to
build a button that leads into another flow.

Callback data is untrusted input (a client can send any string): ids are bounded to the database's integer
range and indexes to small non-negative numbers, so a forged or garbled button fails to parse here and is
answered by the fallback («кнопка устарела»), never reaching a query."""

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

Id = Annotated[int, Field(ge=0, le=2_147_483_647)]  # a database id (PostgreSQL integer), 0 for none
Page = Annotated[int, Field(ge=0, le=100_000)]
Index = Annotated[int, Field(ge=-1, le=10_000)]  # a position in a list; -1 for none
Year = Annotated[int, Field(ge=0, le=3000)]  # a school year by its first calendar year (2026 for 2026/2027)
ANY = -1  # "any" in a filter by index


class AccessCb(CallbackData, prefix="acc"):
    action: str  # new | org
    org_id: Id = 0


class ReviewCb(CallbackData, prefix="rev"):
    action: str  # list | open | approve | reject | reject_yes
    request_id: Id = 0
    role: str = ""


class BankCb(CallbackData, prefix="bnk"):
    action: str  # home | list | card | approve | reject | archive | restore | export
    bank: str = "mentee"
    status: str = ""
    page: Page = 0
    pid: Id = 0


class BankPage(CallbackData, prefix="bnkp"):
    bank: str
    status: str
    page: Page


class CampCb(CallbackData, prefix="cmp"):
    action: str  # list | new | q | aud | pick | picked | due | launch | view | nudge | refresh
    id: Id = 0
    page: Page = 0
    v: str = ""


class PickPage(CallbackData, prefix="cmpp"):
    page: Page


class ChangeCb(CallbackData, prefix="chg"):
    action: str
    id: Id = 0
    v: Id = 0  # a choice's index, a number of months or a person's id


class ConsentCb(CallbackData, prefix="cns"):
    action: str  # ask | give | later | doc | withdraw | withdraw_yes | data | privacy
    kind: str = ""
    then: str = ""  # "<questionnaire code>.<campaign id>.<mentorship id>" to continue with after consenting


class FormNav(CallbackData, prefix="form"):
    form: str
    action: str  # back | skip | cancel | save


class MenuCb(CallbackData, prefix="menu"):
    action: str  # main | profile | help | staff | requests | campaigns | banks | forms | privacy


class PairCb(CallbackData, prefix="pr"):
    action: str
    id: Id = 0
    v: Id = 0  # a choice's index, a number of months or a person's id


class PoolCb(CallbackData, prefix="pl"):
    action: str  # plan | drop | keep | change | pick | send | form | months
    id: Id = 0  # a mentee
    v: Id = 0  # a mentor, a form's index or a number of months


class OrderCb(CallbackData, prefix="ord"):
    """The director's (or the department's) orders: a pair (item 0, by mentorship id), a replacement (1) or a
    completion (2), by change id — the order of services.approvals.Item."""

    action: str  # open | approve | return
    item: Index = 0
    id: Id = 0


class ProgCb(CallbackData, prefix="pg"):
    action: (
        str  # view | needs | goal | add | kind | submit | submit_yes | ack | docx | done | meetings | mfmt | reports
    )
    id: Id = 0  # the mentorship
    v: Id = 0  # a choice's index


class ActivityCb(CallbackData, prefix="pa"):
    action: str  # card | edit | delete | delete_yes | include | decline | done | accept | return | file | comment
    id: Id  # the activity (programme item)


class QStart(CallbackData, prefix="qs"):
    code: str
    campaign: Id = 0
    m: Id = 0  # a completed mentorship whose end-of-mentorship report this is (3.6)


class QCb(CallbackData, prefix="q"):
    action: str  # opt | tick | done | other | stay | scale | yn | skip | back | pause | review | edit | submit | send
    rid: Id
    qi: Index = -1  # index of the question in the definition
    v: Index = -1


class StaffCb(CallbackData, prefix="stf"):
    action: str  # card | role | invite | invite_yes | add | upload | template | edit | archive | archive_yes | restore
    person_id: Id = 0
    page: Page = 0
    role: str = ""


class StaffList(CallbackData, prefix="stl"):
    page: Page


class StaffArchive(CallbackData, prefix="sta"):
    page: Page


class StaffEditCb(CallbackData, prefix="stfe"):
    person_id: Id
    field: Index  # a position in db.repositories.people.EDITABLE
    page: Page = 0


class MonCb(CallbackData, prefix="mon"):
    action: str  # board | charts | overdue | stats | period | report | notes | note | dept | dxlsx | cmp | cmp2
    y: Year = 0  # the school year (2025 for 2025/2026)
    v: Id = 0  # a choice: a period kind, a field, a school


class RoadCb(CallbackData, prefix="rm"):
    action: str  # home | stage | item | done | today | nodoc | undo
    y: Year = 0
    id: Id = 0  # the stage number or the item id


class PracCb(CallbackData, prefix="bp"):
    action: str  # home | areas | forms | list | card | use | into | mark | pick | area
    id: Id = 0  # a practice, or a mentorship
    a: Index = ANY  # need area index
    f: Index = ANY  # form index
    m: Id = 0  # the mentor's mentorship to copy into


class GrowthCb(CallbackData, prefix="gr"):
    action: str  # home | kind
    v: Id = 0


class SiteCb(CallbackData, prefix="site"):
    action: str  # home | zip | news | doc | level | intro
    v: Id = 0


BUTTONS: tuple[type[CallbackData], ...] = tuple(
    value
    for value in list(globals().values())
    if isinstance(value, type) and issubclass(value, CallbackData) and value is not CallbackData
)


def is_known(data: str | None) -> bool:
    """Whether some button of the bot could have carried this data (well-formed, ids in range)."""
    for factory in BUTTONS:
        try:
            factory.unpack(data or "")
        except (TypeError, ValueError):
            continue
        return True
    return False
