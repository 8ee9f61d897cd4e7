"""Comparison runs and findings (from the sources app) and tasks (from the platform app) move here; their tables keep their names."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('canvass', '0008_personaway_household_key_index'),
        ('sources', '0001_initial'),
        ('platform', '0003_task_list_by_village'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay as they are (no data is copied): only Django's picture of
        # which app holds the model changes.
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='ComparisonRun',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('started_at', models.DateTimeField(auto_now_add=True, verbose_name='开始')),
                    ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='结束')),
                    ('sources', models.CharField(max_length=200, verbose_name='比对部门')),
                    ('parameters', models.JSONField(default=dict, verbose_name='参数（含训练所得模型）')),
                    ('summary', models.JSONField(default=dict, verbose_name='结果摘要')),
                ],
                options={
                    'verbose_name': '比对运行',
                    'verbose_name_plural': '比对运行',
                    'db_table': 'sources_comparisonrun',
                    'ordering': ['-started_at'],
                },
            ),
            migrations.CreateModel(
                name='Finding',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.CharField(db_index=True, max_length=40, verbose_name='发现类别')),
                    ('canvass_table', models.CharField(blank=True, max_length=30, verbose_name='摸排表')),
                    ('canvass_key', models.CharField(blank=True, db_index=True, max_length=60, verbose_name='摸排记录编号')),
                    ('source', models.CharField(blank=True, max_length=20, verbose_name='部门')),
                    ('source_file', models.CharField(blank=True, max_length=255, verbose_name='部门文件')),
                    ('source_row', models.IntegerField(blank=True, null=True, verbose_name='部门文件行号')),
                    ('id_number', models.CharField(blank=True, max_length=40, verbose_name='公民身份号码')),
                    ('name', models.CharField(blank=True, max_length=60, verbose_name='姓名')),
                    ('method', models.CharField(blank=True, max_length=30, verbose_name='匹配方法')),
                    ('score', models.FloatField(blank=True, null=True, verbose_name='匹配分')),
                    ('evidence', models.JSONField(default=dict, verbose_name='依据')),
                    ('action', models.CharField(blank=True, max_length=300, verbose_name='建议处理')),
                    ('fingerprint', models.CharField(max_length=64, unique=True)),
                    ('state', models.CharField(choices=[('open', '待核查'), ('resolved', '已处理')], db_index=True, default='open', max_length=10, verbose_name='状态')),
                    ('first_seen', models.DateTimeField(auto_now_add=True, verbose_name='首次发现')),
                    ('last_seen', models.DateTimeField(auto_now=True, verbose_name='最近发现')),
                    ('run', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='verification.comparisonrun')),
                    ('source_record', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='sources.sourcerecord')),
                    ('village', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='canvass.village')),
                ],
                options={
                    'verbose_name': '比对发现',
                    'verbose_name_plural': '比对发现',
                    'db_table': 'sources_finding',
                },
            ),
            migrations.CreateModel(
                name='Task',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.CharField(max_length=40, verbose_name='发现类别')),
                    ('state', models.CharField(choices=[('open', '待核查'), ('resolved', '待审核'), ('returned', '退回重查'), ('approved', '已办结')], default='open', max_length=10, verbose_name='状态')),
                    ('outcome', models.CharField(blank=True, choices=[('added', '已补录漏登人员'), ('death', '确认死亡'), ('id_corrected', '已更正身份证号'), ('registered_absent', '确认户在人不在（空挂）'), ('not_same', '不是同一人'), ('not_found', '查无此人')], max_length=20, verbose_name='核查结果')),
                    ('note', models.TextField(blank=True, verbose_name='核查说明')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='派发时间')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                    ('finding', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='task', to='verification.finding')),
                    ('village', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='canvass.village', verbose_name='村(居)委会')),
                ],
                options={
                    'verbose_name': '核查任务',
                    'verbose_name_plural': '核查任务',
                    'db_table': 'platform_task',
                },
            ),
            migrations.CreateModel(
                name='TaskEvent',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('actor_name', models.CharField(blank=True, max_length=150, verbose_name='操作人')),
                    ('at', models.DateTimeField(auto_now_add=True, verbose_name='时间')),
                    ('action', models.CharField(max_length=20, verbose_name='操作')),
                    ('outcome', models.CharField(blank=True, max_length=20, verbose_name='核查结果')),
                    ('comment', models.TextField(blank=True, verbose_name='说明')),
                    ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL)),
                    ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='verification.task')),
                ],
                options={
                    'verbose_name': '任务处理记录',
                    'verbose_name_plural': '任务处理记录',
                    'db_table': 'platform_taskevent',
                    'ordering': ['at', 'pk'],
                },
            ),
            migrations.AddIndex(
                model_name='finding',
                index=models.Index(fields=['village', 'code', 'state'], name='sources_fin_village_327bc1_idx'),
            ),
            migrations.AddIndex(
                model_name='task',
                index=models.Index(fields=['village', 'state', 'code'], name='platform_ta_village_07d703_idx'),
            ),
            migrations.AddIndex(
                model_name='task',
                index=models.Index(fields=['village', 'code'], name='platform_ta_village_8339ad_idx'),
            ),
        ]),
    ]
