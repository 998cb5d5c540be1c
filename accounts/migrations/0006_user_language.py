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
            field=models.CharField(blank=True, choices=[('zh-hans', 'Simplified Chinese'), ('en', 'English')], help_text='Of the back office and of the workflow e-mails. Not chosen: the back office follows your browser, and e-mails come in both languages.', max_length=10, verbose_name='language'),
        ),
    ]
