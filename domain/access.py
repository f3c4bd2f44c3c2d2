"""Access to the bot: a request from somebody without an invite, decided by a curator (handlers: access_request,
access_review); and who may change a staff record."""

from enum import StrEnum


class RequestStatus(StrEnum):
    """«Заявка на доступ» (db: access_requests.status)."""

    PENDING = "pending"  # with the curators
    APPROVED = "approved"  # a staff record was created (or found) and linked to the account
    REJECTED = "rejected"  # its name and position were erased (152-FZ: data no longer needed)


class ArchiveProblem(StrEnum):
    SELF = "self"  # a curator does not archive themself: somebody must still keep the list
    OPEN_MENTORSHIP = "open-mentorship"  # a mentor or mentee of a pair not yet completed (7.1)


def archive_problem(*, is_self: bool, open_mentorships: int) -> ArchiveProblem | None:
    """Why a person can't be moved to the archive now. A participant of an open pair or group would leave it
    without a mentor (or a mentor without a mentee): the pair is completed (7.1) or the mentor replaced (3.8)
    first."""
    if is_self:
        return ArchiveProblem.SELF
    if open_mentorships:
        return ArchiveProblem.OPEN_MENTORSHIP
    return None
