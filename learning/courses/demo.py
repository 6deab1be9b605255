"""Demo courses: the library page under the home page and a dozen courses in
the five categories, with speakers, tags, durations and a handout. Where
ffmpeg is installed a short test clip (colour bars and a tone) is generated
and shown, with a poster and Chinese subtitles, on three courses; without
ffmpeg the courses have no video. Idempotent: looked up by slug and title."""

import datetime
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.demo_utils import get_or_create_child, get_or_create_document

from .models import CourseCategory, CourseDocument, CourseIndexPage, CoursePage
from .video_backend import ffmpeg_available

DEMO_VIDEO_TITLE = "演示视频：彩条测试片"
DEMO_VIDEO_SECONDS = 12
SUBTITLE_NAME = "course_subtitles/demo-zh.vtt"
SUBTITLES = """WEBVTT

00:00:00.500 --> 00:00:04.000
各位党员同志，大家好！

00:00:04.000 --> 00:00:08.000
欢迎参加社区远程教育学习。

00:00:08.000 --> 00:00:11.500
这是一段演示视频，可以拖动进度条试试。
"""

HANDOUT = """基层党建工作学习提纲

一、支部标准化规范化建设的主要内容
二、“三会一课”制度的落实要求
三、主题党日活动的组织方法
四、党员教育管理的常见问题

学习后请在“我的学习”中查看进度，并在学习会上交流心得。
"""

# (slug, title, category slug, speaker, minutes, tags, summary, with video)
COURSES = [
    (
        "party-branch-standards",
        "基层党建工作学习：支部标准化规范化建设",
        "party-building",
        "街道党工委组织委员 王建国",
        45,
        ["支部建设", "三会一课"],
        "讲解党支部标准化规范化建设的六个方面，结合社区支部的实际做法，介绍“三会一课”、主题党日和组织生活会的组织要点。",
        True,
    ),
    (
        "party-history",
        "党史学习教育专题：不忘初心 牢记使命",
        "party-building",
        "区委党校讲师 李红梅",
        60,
        ["党史", "理想信念"],
        "从党的百年奋斗历程中汲取力量，重温入党誓词，讲述身边老党员的初心故事。",
        False,
    ),
    (
        "party-membership-process",
        "发展党员工作流程详解",
        "party-building",
        "社区党委书记 张志强",
        35,
        ["发展党员", "支部建设"],
        "从递交入党申请书到预备党员转正，逐一讲解二十五个步骤的要求和常见问题。",
        False,
    ),
    (
        "civil-code-family",
        "《民法典》与百姓生活：婚姻家庭篇",
        "policy",
        "社区法律顾问 陈律师",
        50,
        ["民法典", "法律常识"],
        "用居民身边的案例讲解婚姻家庭编：夫妻共同财产、赡养老人、遗嘱与继承。",
        False,
    ),
    (
        "medical-insurance",
        "城乡居民基本医疗保险政策解读",
        "policy",
        "区医保局政策科 刘科长",
        40,
        ["医保", "惠民政策"],
        "参保缴费时间、门诊和住院报销比例、异地就医备案，一次讲清楚。",
        False,
    ),
    (
        "greenhouse-vegetables",
        "蔬菜大棚种植技术",
        "technology",
        "区农技推广中心 高级农艺师 赵明",
        55,
        ["种植", "农业技术"],
        "大棚选址与建造、温湿度管理、病虫害绿色防控，适合城郊居民和返乡创业人员学习。",
        True,
    ),
    (
        "smartphone-basics",
        "智能手机使用入门：微信视频通话与网上办事",
        "technology",
        "社区志愿者 小周",
        30,
        ["智能手机", "老年人"],
        "手把手教老年朋友用微信视频通话、扫码乘车、在网上预约挂号和办理社保认证。",
        False,
    ),
    (
        "housekeeping-skills",
        "家政服务员职业技能培训",
        "technology",
        "区人社局职业培训中心 孙老师",
        90,
        ["就业技能"],
        "家政服务的礼仪规范、家居保洁和老人照护要点，结业可参加职业技能等级认定。",
        False,
    ),
    (
        "anti-fraud",
        "防范电信网络诈骗",
        "science",
        "辖区派出所社区民警 周警官",
        40,
        ["防诈骗", "老年人"],
        "冒充客服、保健品推销、以房养老等常见骗局的识别方法，记住“三不一多”。",
        False,
    ),
    (
        "home-fire-safety",
        "家庭消防安全与火灾逃生",
        "science",
        "区消防救援大队宣传员",
        35,
        ["消防安全"],
        "电动自行车充电、厨房用火用气的隐患排查，灭火器的使用和火场逃生要领。",
        False,
    ),
    (
        "waste-sorting",
        "垃圾分类知识讲座",
        "science",
        "街道城管科 吴科员",
        25,
        ["垃圾分类", "环保"],
        "可回收物、有害垃圾、厨余垃圾和其他垃圾怎么分，小区投放点的时间安排。",
        False,
    ),
    (
        "winter-heart-health",
        "冬季老年人心脑血管疾病预防",
        "culture-health",
        "社区卫生服务中心 郑医生",
        45,
        ["健康保健", "老年人"],
        "冬季血压波动的原因、合理用药和饮食起居，出现哪些症状要立即就医。",
        False,
    ),
    (
        "baduanjin",
        "八段锦健身操教学",
        "culture-health",
        "社区文体队 队长 何阿姨",
        20,
        ["健身", "老年人"],
        "分解教学八段锦的八个动作，适合中老年人在家中和广场锻炼。",
        True,
    ),
]


def _demo_video(stdout):
    """The generated test clip, created once; None without ffmpeg."""
    from wagtailvideos import get_video_model

    Video = get_video_model()
    existing = Video.objects.filter(title=DEMO_VIDEO_TITLE).first()
    if existing is not None:
        return existing
    if not ffmpeg_available():
        stdout.write("  未安装 ffmpeg：演示课程没有视频（网站照常运行）")
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-colour-bars.mp4"
        seconds = str(DEMO_VIDEO_SECONDS)
        command = [
            shutil.which("ffmpeg"),
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"testsrc=size=640x360:rate=25:duration={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            "-movflags",
            "+faststart",
            str(path),
        ]
        try:
            subprocess.run(command, check=True, timeout=120, stdin=subprocess.DEVNULL)  # noqa: S603
        except (subprocess.SubprocessError, OSError) as error:
            stdout.write(f"  演示视频生成失败（{error}），课程将没有视频")
            return None
        video = Video(title=DEMO_VIDEO_TITLE)
        with path.open("rb") as handle:
            video.file = File(handle, name=path.name)
            video.save()  # the worker reads duration and poster (video_tasks.py)
    return Video.objects.get(pk=video.pk)


def _subtitles():
    if not default_storage.exists(SUBTITLE_NAME):
        return default_storage.save(SUBTITLE_NAME, ContentFile(SUBTITLES.encode("utf-8")))
    return SUBTITLE_NAME


def load(home, stdout):
    library, _ = get_or_create_child(
        home,
        CourseIndexPage,
        "courses",
        title="课程库",
        show_in_menus=True,
        intro="<p>基层党建、政策法规、实用技术、科普知识、文体卫生五类课件，可在线观看，也可下载资料。登录后自动记录学习进度。</p>",
    )
    video = _demo_video(stdout)
    subtitles = _subtitles() if video else ""
    handout = get_or_create_document("基层党建工作学习提纲", "party-study-outline.txt", HANDOUT)
    categories = {category.slug: category for category in CourseCategory.objects.all()}

    created = 0
    for slug, title, category, speaker, minutes, tags, summary, with_video in COURSES:
        if category not in categories:
            continue  # an editor removed it
        shows_video = with_video and video is not None
        page, was_created = get_or_create_child(
            library,
            CoursePage,
            slug,
            title=title,
            category=categories[category],
            speaker=speaker,
            summary=summary,
            # The clip's own length where it is shown: completion depends on it.
            duration=video.duration if shows_video else datetime.timedelta(minutes=minutes),
            video=video if shows_video else None,
            subtitle=subtitles if shows_video else "",
            body=[
                {"type": "heading", "value": {"text": "学习提示", "level": "h2"}},
                {
                    "type": "paragraph",
                    "value": (
                        "<ul><li>可以先看一遍，再对照课件资料复习重点。</li>"
                        "<li>实际观看满课程时长的 90% 即完成学习，记入个人学习记录。</li>"
                        "<li>学习后欢迎在支部学习会上交流心得体会。</li></ul>"
                    ),
                },
            ],
        )
        if was_created:
            created += 1
            page.tags.add(*tags)
            if slug == "party-branch-standards":
                page.documents.add(CourseDocument(document=handout, title="学习提纲（可打印）"))
            page.save_revision().publish()
    stdout.write(f"  课程库：新建 {created} 门课程，共 {library.get_children().count()} 门")
