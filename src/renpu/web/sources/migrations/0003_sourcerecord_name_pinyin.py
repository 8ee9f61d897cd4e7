"""SourceRecord.name_pinyin (the linkage's name key), filled for the records already stored."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from renpu.web.canvass.backfill import fill_name_pinyin

    fill_name_pinyin(apps.get_model("sources", "SourceRecord"), schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("sources", "0002_findings_moved_to_verification"),
    ]

    operations = [
        migrations.AddField(
            model_name="sourcerecord",
            name="name_pinyin",
            field=models.CharField(blank=True, max_length=120, verbose_name="姓名拼音"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
