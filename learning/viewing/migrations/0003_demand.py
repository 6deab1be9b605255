"""点播需求: requests and votes, the setting that lets residents ask, and
``viewing.answer_request`` for 远教管理员 and 社区远教管理员 (the setting's own
``change_demandsettings`` for 社区远教管理员: the community decides).

Group names are literals (accounts/roles.py holds the same) so that this
migration never changes.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from core.migration_utils import grant_permissions, revoke_permissions

GRANTS = {
    "远教管理员": ["answer_request"],
    "社区远教管理员": ["answer_request", "change_demandsettings"],
}


def grant(apps, schema_editor):
    for role, codenames in GRANTS.items():
        grant_permissions(apps, role, "viewing", codenames)


def revoke(apps, schema_editor):
    for role, codenames in GRANTS.items():
        revoke_permissions(apps, role, "viewing", codenames)


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0006_video_processing'),
        ('study', '0010_member_role_and_study_hours_target'),
        ('viewing', '0002_equipment_permission'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DemandSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('allow_residents', models.BooleanField(default=False, help_text='不勾选时，只有已关联党员登记的党员可以提出点播需求和投票。', verbose_name='允许居民提出点播需求')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': '点播需求设置',
                'verbose_name_plural': '点播需求设置',
            },
        ),
        migrations.CreateModel(
            name='ViewingRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=40, verbose_name='想看的内容')),
                ('description', models.CharField(blank=True, max_length=300, verbose_name='说明')),
                ('asked_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='提出时间')),
                ('status', models.CharField(choices=[('pending', '待审核'), ('approved', '已公开'), ('rejected', '不公开')], default='pending', max_length=10, verbose_name='审核状态')),
                ('answer', models.CharField(blank=True, choices=[('', '待答复'), ('planned', '计划安排'), ('declined', '不安排')], default='', max_length=10, verbose_name='答复')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='答复时间')),
                ('decision_reason', models.CharField(blank=True, max_length=200, verbose_name='不安排的原因')),
                ('asked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='viewing_requests', to=settings.AUTH_USER_MODEL, verbose_name='提出人')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='viewing_requests', to='courses.coursecategory', verbose_name='课程分类')),
                ('course', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='courses.coursepage', verbose_name='安排的课程')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='答复人')),
                ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='study.studysession', verbose_name='安排的学习会')),
            ],
            options={
                'verbose_name': '点播需求',
                'verbose_name_plural': '点播需求',
                'ordering': ['-asked_at', '-pk'],
                'permissions': [('answer_request', '审核和答复点播需求')],
            },
        ),
        migrations.CreateModel(
            name='Vote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('voted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='投票时间')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='viewing.viewingrequest', verbose_name='点播需求')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='viewing_votes', to=settings.AUTH_USER_MODEL, verbose_name='投票人')),
            ],
            options={
                'verbose_name': '点播需求投票',
                'verbose_name_plural': '点播需求投票',
            },
        ),
        migrations.AddIndex(
            model_name='viewingrequest',
            index=models.Index(fields=['status', 'answer'], name='viewing_request_state'),
        ),
        migrations.AddConstraint(
            model_name='viewingrequest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('answer', 'declined'), _negated=True), models.Q(('decision_reason', ''), _negated=True), _connector='OR'), name='viewing_declined_request_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='viewingrequest',
            constraint=models.CheckConstraint(condition=models.Q(('answer', ''), ('status', 'approved'), _connector='OR'), name='viewing_answered_request_is_public'),
        ),
        migrations.AddConstraint(
            model_name='vote',
            constraint=models.UniqueConstraint(fields=('request', 'user'), name='viewing_one_vote_each'),
        ),
        migrations.RunPython(grant, revoke),
    ]
