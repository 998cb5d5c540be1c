"""English: Django's formats, with dates written day, month, year in words (12 August 2024,
March 2022), as British and international English write them, rather than Django's
American "Aug. 12, 2024". The portal's pages gave every date as ISO digits in both
languages; the readers' own form reads better, and a Chinese page has its own
(2024年8月12日, Django's). ISO stays where machines read: exports, the API, feeds and
``<time datetime>``."""

from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"  # 12 August 2024
DATETIME_FORMAT = "j F Y, H:i"  # 12 August 2024, 14:30
YEAR_MONTH_FORMAT = "F Y"  # August 2024
MONTH_DAY_FORMAT = "j F"  # 12 August
