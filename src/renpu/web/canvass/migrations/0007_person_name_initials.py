"""Person.name_initials (张小明 → zxm), filled for the persons already stored."""

from django.db import migrations, models

from renpu.core.names import pinyin_initials


def fill(apps, schema_editor):
    Person = apps.get_model("canvass", "Person")
    table = schema_editor.quote_name(Person._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, name FROM {table} WHERE name <> ''")
        rows = [(pinyin_initials(name), pk) for pk, name in cursor.fetchall()]
        cursor.executemany(f"UPDATE {table} SET name_initials = %s WHERE id = %s", rows)


class Migration(migrations.Migration):

    dependencies = [
        ("canvass", "0006_person_id_reversed"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_initials",
            field=models.CharField(blank=True, db_index=True, max_length=40, verbose_name="姓名拼音首字母"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
