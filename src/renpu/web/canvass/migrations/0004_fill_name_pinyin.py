"""Fill Person.name_pinyin for persons loaded before the column existed."""

from django.db import migrations


def fill(apps, schema_editor):
    from renpu.core.names import pinyin_key

    Person = apps.get_model("canvass", "Person")
    pending = Person.objects.filter(name_pinyin="").exclude(name="").only("pk", "name")
    batch = []
    for person in pending.iterator(chunk_size=5_000):
        person.name_pinyin = pinyin_key(person.name)
        batch.append(person)
        if len(batch) == 5_000:
            Person.objects.bulk_update(batch, ["name_pinyin"])
            batch = []
    Person.objects.bulk_update(batch, ["name_pinyin"])


class Migration(migrations.Migration):
    dependencies = [("canvass", "0003_person_name_pinyin")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
