"""Roll calls per session and branch (a session counts as held for a branch
once its roll is saved), no mode for members who were not there (the check
constraint follows in 0007, after 0006 has cleared the old modes), and the
administrators of each branch."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('study', '0004_grant_member_access'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='RollCall',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('taken_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='首次保存时间')),
                ('saved_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='最近保存时间')),
            ],
            options={
                'verbose_name': '点名记录',
                'verbose_name_plural': '点名记录',
                'ordering': ['session', 'branch'],
            },
        ),
        migrations.AlterModelOptions(
            name='branch',
            options={'ordering': ['sort_order', 'name'], 'permissions': [('manage_all_branches', '管理所有支部')], 'verbose_name': '支部', 'verbose_name_plural': '支部'},
        ),
        migrations.AddField(
            model_name='branch',
            name='administrators',
            field=models.ManyToManyField(blank=True, help_text='负责本支部的远教管理员：他们只能看到和管理本支部的党员、点名册、请假、心得和台账。', related_name='administered_branches', to=settings.AUTH_USER_MODEL, verbose_name='远教管理员'),
        ),
        migrations.AlterField(
            model_name='attendance',
            name='mode',
            field=models.CharField(blank=True, choices=[('onsite', '现场'), ('online', '线上'), ('home', '送学上门'), ('phone', '电话')], help_text='只有出席和迟到的人有参加方式；请假和缺席的人没有。', max_length=10, verbose_name='方式'),
        ),
        migrations.AlterField(
            model_name='attendancechange',
            name='mode_after',
            field=models.CharField(blank=True, max_length=10, verbose_name='新方式'),
        ),
        migrations.AddField(
            model_name='rollcall',
            name='branch',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='study.branch', verbose_name='支部'),
        ),
        migrations.AddField(
            model_name='rollcall',
            name='saved_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='最近保存人'),
        ),
        migrations.AddField(
            model_name='rollcall',
            name='session',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roll_calls', to='study.studysession', verbose_name='学习会'),
        ),
        migrations.AddConstraint(
            model_name='rollcall',
            constraint=models.UniqueConstraint(fields=('session', 'branch'), name='study_one_roll_call_per_branch'),
        ),
    ]
