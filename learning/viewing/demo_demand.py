"""Demo 点播需求: five members with accounts (no usable password), a few
public requests with votes, one planned for the coming study session, one
declined with its reason and one still waiting for moderation. Idempotent:
members by phone number, requests by title."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from learning.courses.models import CourseCategory
from learning.study.models import Branch, Member, StudySession

from .models import RequestStatus, ViewingRequest
from .services import demand

MEMBERS = [
    ("15800090001", "周海涛"),
    ("15800090002", "吴淑珍"),
    ("15800090003", "孙德华"),
    ("15800090004", "马玉梅"),
    ("15800090005", "朱春生"),
]
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
    branch = Branch.objects.order_by("sort_order", "pk").first()
    if branch is None:
        branch = Branch.objects.create(name="幸福里小区党支部")
    User = get_user_model()
    users = []
    for phone, name in MEMBERS:
        user = User.objects.filter(phone=phone).first()
        if user is None:
            user = User.objects.create_user(phone, None, real_name=name)  # no usable password
        Member.objects.get_or_create(
            phone=phone, defaults={"name": name, "branch": branch, "user": user}
        )
        users.append(user)
    return users


def load(home, stdout):
    users = _members()
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
