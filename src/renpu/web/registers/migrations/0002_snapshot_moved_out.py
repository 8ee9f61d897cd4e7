"""Snapshot went to the snapshots app (state only; the table stays)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
        ('snapshots', '0001_initial'),
    ]

    operations = [
        # The tables stay as they are (no data is copied): only Django's picture of
        # which app holds the model changes.
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(
                name='Snapshot',
            ),
        ]),
    ]
