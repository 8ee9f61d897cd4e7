"""AbsentMember.name_pinyin (the police linkage's name key), filled for the members already stored."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from renpu.web.canvass.backfill import fill_name_pinyin

    fill_name_pinyin(apps.get_model("canvass", "AbsentMember"), schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("canvass", "0010_personaway_reason_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="absentmember",
            name="name_pinyin",
            field=models.CharField(blank=True, max_length=120, verbose_name="姓名拼音"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
