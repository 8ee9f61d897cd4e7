"""SourceRecord.name_pinyin (the linkage's name key), filled for the records already stored."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from renpu.web.canvass.models import derived

    table = schema_editor.quote_name(apps.get_model("sources", "SourceRecord")._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT name FROM {table} WHERE name <> ''")
        keys = [(derived(name)["name_pinyin"], name) for (name,) in cursor.fetchall()]
        cursor.executemany(f"UPDATE {table} SET name_pinyin = %s WHERE name = %s", keys)


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
