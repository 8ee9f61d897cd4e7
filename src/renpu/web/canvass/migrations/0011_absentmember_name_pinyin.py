"""AbsentMember.name_pinyin (the police linkage's name key), filled for the members already stored."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from renpu.web.canvass.models import derived

    table = schema_editor.quote_name(apps.get_model("canvass", "AbsentMember")._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT name FROM {table} WHERE name <> ''")
        keys = [(derived(name)["name_pinyin"], name) for (name,) in cursor.fetchall()]
        cursor.executemany(f"UPDATE {table} SET name_pinyin = %s WHERE name = %s", keys)


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
