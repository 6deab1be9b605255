"""The viewing point's models, one module per part (re-exported here)."""

from .demand import DemandSettings, RequestAnswer, RequestStatus, ViewingRequest, Vote
from .equipment import FIVE_GUARDS, GUARD_KEYS, Asset, AssetState, Fault, Inspection
from .runs import Run, RunSource, ShowingMode, SignalQuality
from .screening import Screening, ScreeningCourse

__all__ = [
    "FIVE_GUARDS",
    "GUARD_KEYS",
    "Asset",
    "AssetState",
    "DemandSettings",
    "Fault",
    "Inspection",
    "RequestAnswer",
    "RequestStatus",
    "Run",
    "RunSource",
    "Screening",
    "ScreeningCourse",
    "ShowingMode",
    "SignalQuality",
    "ViewingRequest",
    "Vote",
]
