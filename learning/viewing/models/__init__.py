"""The viewing point's models, one module per part (re-exported here)."""

from .demand import DemandSettings, RequestAnswer, RequestStatus, ViewingRequest, Vote
from .runs import Run, RunSource, ShowingMode, SignalQuality

__all__ = [
    "DemandSettings",
    "RequestAnswer",
    "RequestStatus",
    "Run",
    "RunSource",
    "ShowingMode",
    "SignalQuality",
    "ViewingRequest",
    "Vote",
]
