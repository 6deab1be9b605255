from accounts import roles
from learning.evaluation import services
from learning.evaluation.models import Round, Stage, stage_index


def community_runner():
    """Who opens a round and moves its stage: a 社区远教管理员."""
    from tests.accounts.factories import UserFactory

    return UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS])


def round_at(stage, year=2025, actor=None, excellent_cap=20):
    """A round opened for ``year`` (every active member at the meeting),
    moved forward to ``stage`` through the service by a community
    administrator (``actor`` is who works in it afterwards)."""
    runner = community_runner()
    round_ = services.open_round(year, runner, excellent_cap=excellent_cap)
    for step in list(Stage.values)[1 : stage_index(stage) + 1]:
        services.advance(round_, step, runner)
    return Round.objects.get(pk=round_.pk)
