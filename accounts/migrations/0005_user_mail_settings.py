"""Each user chooses which of the workflow's e-mails they get (both kinds on, as before)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_site_admin_reads_audit_log'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='outcome_mail',
            field=models.BooleanField(default=True, help_text='Records you submitted, published or sent back; your waiting changes, published or discarded.', verbose_name='e-mail me what becomes of my work'),
        ),
        migrations.AddField(
            model_name='user',
            name='review_mail',
            field=models.BooleanField(default=True, help_text='Records submitted for review and changes to published records, if you may publish them.', verbose_name='e-mail me what waits for my review'),
        ),
    ]
