"""Tasks went to the verification app, monthly checks to the canvass app (state only; the tables stay)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('platform', '0003_task_list_by_village'),
        ('canvass', '0009_householdcheck_from_platform'),
        ('verification', '0001_initial'),
    ]

    operations = [
        # The tables stay as they are (no data is copied): only Django's picture of
        # which app holds the model changes.
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(
                name='HouseholdCheck',
            ),
            migrations.DeleteModel(
                name='Task',
            ),
            migrations.DeleteModel(
                name='TaskEvent',
            ),
        ]),
    ]
