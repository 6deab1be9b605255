"""Demo content for the site-wide pages: the community, its home page and notices.

``manage.py load_demo`` makes the home page first (``home_page``) and passes
it to every app's ``load(home, stdout)``, this one's included. Idempotent:
everything is looked up by slug or title first.
"""

import datetime

from django.utils import timezone
from wagtail.models import Page, Site

from core.demo_utils import get_or_create_child, get_or_create_document, get_or_create_image
from core.models import CommunitySettings

from .models import HomePage, NoticeAttachment, NoticeIndexPage, NoticePage

COMMUNITY = {
    "name": "幸福里社区",
    "tagline": "共建共治共享的幸福家园",
    "address": "四川省绵阳市涪城区幸福路 88 号社区党群服务中心",
    "phone": "0816-2345678",
    "office_hours": "周一至周五 8:30–12:00，14:00–17:30",
}

# (title, days ago, pinned, summary, paragraphs)
NOTICES = [
    (
        "关于开展 2026 年度远程教育学习的通知",
        3,
        True,
        "各支部按月组织党员到远教活动室集中学习，行动不便的党员由网格员送学上门。",
        [
            "为深入推进党员干部现代远程教育工作，社区党委决定按月组织各支部开展远程教育集中学习。",
            "学习时间一般安排在每月第二周的周三上午，地点为社区党群服务中心三楼远教活动室。",
            "行动不便的老党员由所在网格的网格员送学上门；在外务工的流动党员可通过电话或线上方式参加学习。",
        ],
    ),
    (
        "社区志愿者招募公告",
        6,
        True,
        "招募社会救助、治安巡逻、慈善公益、纠纷调解、敬老优抚、法制宣传等方面的志愿者。",
        [
            "为整合辖区社会资源，社区现面向全体居民招募志愿者。",
            "凡年满 18 周岁、身体健康、热心公益的居民均可报名，在职党员可在报到后直接加入党员志愿服务队。",
        ],
    ),
    (
        "12 月份主题党日活动安排",
        9,
        False,
        "本月主题党日活动以“学习身边榜样”为主题，请各支部按时参加。",
        ["活动时间：12 月 10 日上午 9:00。", "活动地点：社区党群服务中心一楼多功能厅。"],
    ),
    (
        "冬季消防安全提示",
        12,
        False,
        "天气转冷，请居民朋友注意用火用电安全，不在楼道停放电动车。",
        [
            "请勿在楼道、安全出口停放电动自行车或为其充电。",
            "使用取暖设备时注意与可燃物保持安全距离，外出时切断电源。",
        ],
    ),
    (
        "关于开展“点亮微心愿”活动的通知",
        15,
        False,
        "在职党员进社区，认领困难群众的微心愿。",
        ["社区收集了辖区困难老人、留守儿童的微心愿，欢迎在职党员和志愿者认领。"],
    ),
    (
        "社区老年大学春季班开始报名",
        18,
        False,
        "开设书法、绘画、太极拳、智能手机使用等课程。",
        ["报名时间：即日起至名额报满为止。", "报名地点：社区党群服务中心一楼便民服务大厅。"],
    ),
    (
        "蔬菜大棚种植技术培训通知",
        21,
        False,
        "邀请农技专家讲解大棚蔬菜的冬季管理与病虫害防治。",
        [
            "培训对象：有意从事设施农业的居民和党员。",
            "培训内容：大棚保温、水肥管理、常见病虫害防治。",
        ],
    ),
    (
        "关于做好居民医保缴费工作的通知",
        25,
        False,
        "2027 年度城乡居民基本医疗保险开始缴费，请居民按时缴纳。",
        ["缴费可通过手机银行、社区便民服务大厅办理。"],
    ),
    (
        "社区便民服务大厅办公时间调整",
        30,
        False,
        "自下月起，便民服务大厅周六上午增设值班窗口。",
        ["周六上午 9:00–12:00 可办理社保、民政、计生等业务。"],
    ),
    (
        "垃圾分类宣传周活动通知",
        34,
        False,
        "网格员将入户宣传垃圾分类知识，请居民配合。",
        ["社区将在各小区设置垃圾分类宣传点，发放宣传资料。"],
    ),
    (
        "关于评选“五好家庭”的通知",
        40,
        False,
        "开展年度“五好家庭”评选，各网格推荐候选家庭。",
        ["推荐截止时间为本月 25 日。"],
    ),
    (
        "社区健身广场改造完成",
        45,
        False,
        "健身广场新增适老化健身器材和休息座椅。",
        ["广场开放时间为每天 6:00–21:30，请居民文明使用。"],
    ),
]

PLAN_TEXT = """2026 年度远程教育学习计划（摘要）

一月：学习党的基本理论（基层党建）
二月：城乡居民医疗保险政策解读（政策法规）
三月：蔬菜大棚种植技术（实用技术）
四月：防范电信诈骗（科普知识）
五月：老年人健康保健（文体卫生）
"""


def _draw_logo(draw, size):
    w, h = size
    draw.ellipse([8, 8, w - 8, h - 8], fill=(163, 21, 21))
    draw.polygon([(w * 0.5, h * 0.22), (w * 0.2, h * 0.5), (w * 0.8, h * 0.5)], fill="white")
    draw.rectangle([w * 0.3, h * 0.5, w * 0.7, h * 0.78], fill="white")
    draw.rectangle([w * 0.45, h * 0.6, w * 0.55, h * 0.78], fill=(163, 21, 21))


def home_page(stdout):
    """The site's home page, made the root of the default site if it is new."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's first migration makes a placeholder "Welcome" page; ours replaces it.
    for placeholder in root.get_children().filter(slug="home"):
        if placeholder.specific_class is Page:
            placeholder.delete()
    home = HomePage(
        title="首页",
        slug="home",
        intro="欢迎来到幸福里社区党群服务网站。在这里可以查看通知公告、在线学习远教课程、报名社区活动和志愿服务。",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=COMMUNITY["name"],
        )
    else:
        site.root_page = home
        site.site_name = COMMUNITY["name"]
        site.save()
    stdout.write("首页已创建")
    return home


def _community_settings(home):
    site = Site.objects.get(root_page=home)
    settings = CommunitySettings.for_site(site)
    if not settings.address:
        for field, value in COMMUNITY.items():
            setattr(settings, field, value)
        settings.logo = get_or_create_image("社区标志", _draw_logo, size=(256, 256))
        settings.save()


def _notices(home, stdout):
    index, _ = get_or_create_child(
        home,
        NoticeIndexPage,
        "notices",
        title="通知公告",
        show_in_menus=True,
        intro="<p>社区党委、居委会发布的通知、公告和温馨提示。</p>",
    )
    today = timezone.localdate()
    plan = get_or_create_document(
        "2026 年度远程教育学习计划", "study-plan-2026.txt", PLAN_TEXT.encode("utf-8")
    )
    created = 0
    for number, (title, days_ago, pinned, summary, paragraphs) in enumerate(NOTICES, start=1):
        body = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]
        attachments = [NoticeAttachment(document=plan)] if number == 1 else []
        _, was_created = get_or_create_child(
            index,
            NoticePage,
            f"notice-{number}",
            title=title,
            date=today - datetime.timedelta(days=days_ago),
            pinned=pinned,
            summary=summary,
            body=body,
            attachments=attachments,
        )
        created += was_created
    stdout.write(f"  通知公告：新建 {created} 条，共 {index.get_children().count()} 条")


def load(home, stdout):
    _community_settings(home)
    _notices(home, stdout)
