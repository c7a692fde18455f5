from requests_app.models.case_file import CaseFile
from requests_app.models.choices import (
    OPEN_STATUSES,
    Action,
    Channel,
    DeliveryMethod,
    DiscardReason,
    ExtensionStatus,
    FeeScheme,
    IdType,
    InfoForm,
    PauseKind,
    RequestFileKind,
    RequestKind,
    Status,
)
from requests_app.models.complaint import Complaint, ComplaintKind, ComplaintStatus
from requests_app.models.delivery import Delivery, DeliveryKind, ServiceMethod
from requests_app.models.handling import (
    ClockPause,
    Correction,
    Extension,
    RequestEvent,
    RequestFile,
)
from requests_app.models.notice_settings import NoticeSettings
from requests_app.models.proactive import ProactiveProposal, ProposalStatus
from requests_app.models.reasons import ReasonsDecision, ReasonsRequest
from requests_app.models.remedy import RemedyCase
from requests_app.models.request import DisclosureRequest, Serial

__all__ = [
    "OPEN_STATUSES",
    "Action",
    "CaseFile",
    "Channel",
    "ClockPause",
    "Complaint",
    "ComplaintKind",
    "ComplaintStatus",
    "Correction",
    "Delivery",
    "DeliveryKind",
    "DeliveryMethod",
    "DiscardReason",
    "DisclosureRequest",
    "Extension",
    "ExtensionStatus",
    "FeeScheme",
    "IdType",
    "InfoForm",
    "NoticeSettings",
    "PauseKind",
    "ProactiveProposal",
    "ProposalStatus",
    "ReasonsDecision",
    "ReasonsRequest",
    "RemedyCase",
    "RequestEvent",
    "RequestFile",
    "RequestFileKind",
    "RequestKind",
    "Serial",
    "ServiceMethod",
    "Status",
]
