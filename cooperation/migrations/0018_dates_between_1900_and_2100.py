"""Dates staff enter fall between 1900-01-01 and 2100-12-31, the years the portal's filters
offer (cooperation.validators.validate_record_date): only validators change, no column."""

import cooperation.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cooperation', '0017_achievement_publication'),
    ]

    operations = [
        migrations.AlterField(
            model_name='achievement',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When the record becomes public. A future time schedules it.', null=True, validators=[cooperation.validators.validate_record_date], verbose_name='published at'),
        ),
        migrations.AlterField(
            model_name='award',
            name='awarded_on',
            field=models.DateField(blank=True, null=True, validators=[cooperation.validators.validate_record_date], verbose_name='date awarded'),
        ),
        migrations.AlterField(
            model_name='award',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When the record becomes public. A future time schedules it.', null=True, validators=[cooperation.validators.validate_record_date], verbose_name='published at'),
        ),
        migrations.AlterField(
            model_name='cooperationproject',
            name='end_date',
            field=models.DateField(blank=True, null=True, validators=[cooperation.validators.validate_record_date], verbose_name='end date'),
        ),
        migrations.AlterField(
            model_name='cooperationproject',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When the record becomes public. A future time schedules it.', null=True, validators=[cooperation.validators.validate_record_date], verbose_name='published at'),
        ),
        migrations.AlterField(
            model_name='cooperationproject',
            name='start_date',
            field=models.DateField(validators=[cooperation.validators.validate_record_date], verbose_name='start date'),
        ),
        migrations.AlterField(
            model_name='exchange',
            name='end_date',
            field=models.DateField(blank=True, null=True, validators=[cooperation.validators.validate_record_date], verbose_name='end date'),
        ),
        migrations.AlterField(
            model_name='exchange',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When the record becomes public. A future time schedules it.', null=True, validators=[cooperation.validators.validate_record_date], verbose_name='published at'),
        ),
        migrations.AlterField(
            model_name='exchange',
            name='start_date',
            field=models.DateField(validators=[cooperation.validators.validate_record_date], verbose_name='start date'),
        ),
    ]
