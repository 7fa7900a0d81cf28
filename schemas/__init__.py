"""The contract: pydantic models of every record on peacewatch's topics."""

from schemas.alert import POSITION_CHANGED, POSITION_NEW, STATUS_CHANGED, Alert, AlertData, Snapshot
from schemas.base import Evidence, Severity, Source, Stance
from schemas.claim import PRE_CODED, Claim, PositionClaim, StatusClaim
from schemas.deadletter import DeadLetter, Origin, Reason
from schemas.inputs import NewsArticle, Statement
from schemas.issue_state import IssueState, Position

__all__ = [
    "POSITION_CHANGED",
    "POSITION_NEW",
    "PRE_CODED",
    "STATUS_CHANGED",
    "Alert",
    "AlertData",
    "Claim",
    "DeadLetter",
    "Evidence",
    "IssueState",
    "NewsArticle",
    "Origin",
    "Position",
    "PositionClaim",
    "Reason",
    "Severity",
    "Snapshot",
    "Source",
    "Stance",
    "Statement",
    "StatusClaim",
]
