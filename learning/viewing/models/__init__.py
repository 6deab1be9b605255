"""The viewing point's models, one module per part (re-exported here)."""

from .equipment import FIVE_GUARDS, GUARD_KEYS, Asset, AssetState, Fault, Inspection
from .runs import Run, RunSource, ShowingMode, SignalQuality

__all__ = [
    "FIVE_GUARDS",
    "GUARD_KEYS",
    "Asset",
    "AssetState",
    "Fault",
    "Inspection",
    "Run",
    "RunSource",
    "ShowingMode",
    "SignalQuality",
]
