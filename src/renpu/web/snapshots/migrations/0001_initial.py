"""Snapshot moves here from the reports app (now registers); its table (reports_snapshot) unchanged."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
    ]

    operations = [
        # The tables stay as they are (no data is copied): only Django's picture of
        # which app holds the model changes.
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Snapshot',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('label', models.CharField(max_length=100, verbose_name='名称')),
                    ('as_of', models.DateTimeField(verbose_name='快照时点')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='生成时间')),
                    ('created_by', models.CharField(blank=True, max_length=150, verbose_name='生成人')),
                    ('folder', models.CharField(max_length=500, verbose_name='存放位置')),
                    ('size_bytes', models.BigIntegerField(default=0, verbose_name='文件大小')),
                    ('rows', models.JSONField(default=dict, verbose_name='各表行数')),
                ],
                options={
                    'verbose_name': '月度快照',
                    'verbose_name_plural': '月度快照',
                    'db_table': 'reports_snapshot',
                    'ordering': ['-as_of'],
                },
            ),
        ]),
    ]
