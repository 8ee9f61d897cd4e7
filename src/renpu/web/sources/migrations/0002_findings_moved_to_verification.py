"""Comparison runs and findings went to the verification app (state only; the tables stay)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0001_initial'),
        ('platform', '0004_tasks_and_checks_moved_out'),
        ('verification', '0001_initial'),
    ]

    operations = [
        # The tables stay as they are (no data is copied): only Django's picture of
        # which app holds the model changes.
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(
                name='ComparisonRun',
            ),
            migrations.DeleteModel(
                name='Finding',
            ),
        ]),
    ]
