"""Each user may choose the language of the back office and of its e-mails (none: as before)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_user_mail_settings'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='language',
            field=models.CharField(blank=True, choices=[('', "the browser's (e-mails in both languages)"), ('zh-hans', 'Simplified Chinese'), ('en', 'English')], help_text='The back office speaks it whatever your browser asks, and the workflow e-mails are written in it alone.', max_length=10, verbose_name='language of the back office and e-mails'),
        ),
    ]
