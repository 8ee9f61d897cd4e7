"""Monthly checks (月度核查) belong to the canvass: HouseholdCheck moves here from the platform app, its table (platform_householdcheck) unchanged."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('canvass', '0008_personaway_household_key_index'),
        ('platform', '0003_task_list_by_village'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay as they are (no data is copied): only Django's picture of
        # which app holds the model changes.
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='HouseholdCheck',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('household_key', models.CharField(max_length=40, verbose_name='户编号')),
                    ('month', models.CharField(max_length=7, verbose_name='核查月份')),
                    ('checked_by_name', models.CharField(blank=True, max_length=150, verbose_name='核查人')),
                    ('at', models.DateTimeField(auto_now_add=True, verbose_name='核查时间')),
                    ('changes', models.TextField(blank=True, verbose_name='变动情况')),
                    ('checked_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='核查人')),
                    ('village', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='canvass.village', verbose_name='村(居)委会')),
                ],
                options={
                    'verbose_name': '月度核查',
                    'verbose_name_plural': '月度核查',
                    'db_table': 'platform_householdcheck',
                    'indexes': [models.Index(fields=['village', 'month'], name='platform_ho_village_505e57_idx')],
                    'constraints': [models.UniqueConstraint(fields=('household_key', 'month'), name='one_check_per_month')],
                },
            ),
        ]),
    ]
