"""AbsentMember.name_pinyin (the police linkage's name key), filled for the members already stored."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from renpu.web.canvass.models import derived

    table = schema_editor.quote_name(apps.get_model("canvass", "AbsentMember")._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        # by primary key: ``name`` has no index, and a million rows must not be scanned once per name
        cursor.execute(f"SELECT id, name FROM {table} WHERE name <> ''")
        rows = cursor.fetchall()
        keys = {name: derived(name)["name_pinyin"] for name in {name for _, name in rows}}
        rows = [(keys[name], pk) for pk, name in rows]
        cursor.executemany(f"UPDATE {table} SET name_pinyin = %s WHERE id = %s", rows)


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
