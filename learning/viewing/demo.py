"""Demo content of the viewing point, one loader per part (called by
``manage.py load_demo`` inside one transaction)."""

from . import demo_demand


def load(home, stdout):
    demo_demand.load(home, stdout)
