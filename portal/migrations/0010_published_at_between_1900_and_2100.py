"""Dates staff enter fall between 1900-01-01 and 2100-12-31, the years the portal's filters
offer (cooperation.validators.validate_record_date): only validators change, no column."""

import cooperation.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0009_achievement_exchange_search'),
    ]

    operations = [
        migrations.AlterField(
            model_name='page',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When the record becomes public. A future time schedules it.', null=True, validators=[cooperation.validators.validate_record_date], verbose_name='published at'),
        ),
    ]
