from learning.evaluation import services
from learning.evaluation.models import Round, Stage, stage_index


def round_at(stage, year=2025, actor=None, excellent_cap=20):
    """A round opened for ``year`` (every active member at the meeting),
    moved forward to ``stage`` through the service."""
    round_ = services.open_round(year, actor, excellent_cap=excellent_cap)
    for step in list(Stage.values)[1 : stage_index(stage) + 1]:
        services.advance(round_, step, actor)
    return Round.objects.get(pk=round_.pk)
