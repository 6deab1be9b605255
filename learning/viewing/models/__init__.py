"""The viewing point's models, one module per part (re-exported here)."""

from .runs import Run, RunSource, ShowingMode, SignalQuality
from .screening import Screening, ScreeningCourse

__all__ = [
    "Run",
    "RunSource",
    "Screening",
    "ScreeningCourse",
    "ShowingMode",
    "SignalQuality",
]
