"""The viewing point's models, one module per part (re-exported here)."""

from .runs import Run, RunSource, ShowingMode, SignalQuality

__all__ = ["Run", "RunSource", "ShowingMode", "SignalQuality"]
