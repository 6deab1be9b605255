"""Demo content of the viewing point, one loader per part."""

from . import demo_demand, demo_equipment, demo_screening


def load(home, stdout):
    demo_equipment.load(home, stdout)
    demo_screening.load(home, stdout)
    demo_demand.load(home, stdout)
