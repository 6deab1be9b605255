"""Demo content of the viewing point, one module per part."""

from . import demo_equipment


def load(home, stdout):
    demo_equipment.load(home, stdout)
