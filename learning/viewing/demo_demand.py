"""Demo 点播需求: five of the demo party members (given accounts without a
usable password if they have none) ask for a few topics and vote: public
requests with votes, one planned for the coming study session, one declined
with its reason and one still waiting for moderation. Idempotent: requests
are found by title."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from learning.courses.models import CourseCategory
from learning.study.models import Member, StudySession

from .models import RequestStatus, ViewingRequest
from .services import demand

ASKERS = 5  # demo party members who ask and vote
# (title, description, category name, asker, voters, what becomes of it)
REQUESTS = [
    ("垃圾分类怎么做", "小区下个月开始分类投放，想看看具体怎么分。", "科普知识", 0, 4, "planned"),
    ("老年人防范电信诈骗", "最近有老人接到冒充公检法的电话。", "政策法规", 1, 3, "open"),
    ("冬季大棚蔬菜种植", "", "实用技术", 2, 2, "open"),
    ("八段锦跟练", "适合老年人在活动室一起练。", "文体卫生", 3, 1, "open"),
    ("外语口语入门", "", "科普知识", 4, 0, "declined"),
    ("社区议事会怎么开", "", "基层党建", 0, 0, "pending"),
]
DECLINE_REASON = "远教站点的节目库暂时没有这类内容，可以关注社区老年大学的课程。"


def _members():
    """The first demo party members (the study demo's), each given an
    account without a usable password if they have none."""
    User = get_user_model()
    users = []
    for member in Member.objects.filter(active=True).order_by("pk")[:ASKERS]:
        if member.user_id is None:
            member.user = User.objects.filter(phone=member.phone).first() or (
                User.objects.create_user(member.phone, None, real_name=member.name)
            )
            member.save(update_fields=["user"])
        users.append(member.user)
    return users


def load(home, stdout):
    users = _members()
    if len(users) < ASKERS:
        return
    categories = {c.name: c for c in CourseCategory.objects.all()}
    coming = StudySession.objects.live().filter(start__gt=timezone.now()).order_by("start").first()
    made = 0
    for title, description, category_name, asker, voters, outcome in REQUESTS:
        category = categories.get(category_name) or CourseCategory.objects.first()
        if category is None or ViewingRequest.objects.filter(title=title).exists():
            continue
        item = demand.ask(users[asker], category=category, title=title, description=description)
        made += 1
        if outcome == "pending":
            continue
        demand.moderate(item, True, None)
        others = [user for n, user in enumerate(users) if n != asker]
        for user in others[:voters]:
            demand.vote(item, user)
        if outcome == "planned" and coming is not None:
            demand.plan(item, None, session=coming)
        elif outcome == "declined":
            demand.decline(item, None, DECLINE_REASON)
    public = ViewingRequest.objects.filter(status=RequestStatus.APPROVED).count()
    stdout.write(f"  点播需求：新建 {made} 条，公开 {public} 条")
