"""English: Django's formats, with dates written day, month, year in words (12 August 2024,
March 2022), as British and international English write them, rather than Django's
American "Aug. 12, 2024". The portal's pages gave every date as ISO digits in both
languages; the readers' own form reads better, and a Chinese page has its own
(2024年8月12日, Django's). ISO stays where machines read: exports, the API, feeds and
``<time datetime>``. A date typed month first with slashes (07/12/2026) is refused, not
guessed (DATE_INPUT_FORMATS)."""

from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"  # 12 August 2024
DATETIME_FORMAT = "j F Y, H:i"  # 12 August 2024, 14:30
YEAR_MONTH_FORMAT = "F Y"  # August 2024
MONTH_DAY_FORMAT = "j F"  # 12 August

# The dates a form reads: Django's, but for the American month-first ones (10/25/2006,
# 10/25/06). Staff and partners write 07/12/2026 for 7 December as often as for 12 July;
# read month first, it saved the wrong day with no word. Refused, the date's error gives an
# ISO example (config.admin_dates); the date box and the calendar write ISO.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2006-10-25
    "%d %B %Y",  # 25 October 2006
    "%d %b %Y",  # 25 Oct 2006
    "%B %d, %Y",  # October 25, 2006
    "%b %d, %Y",  # Oct 25, 2006
    "%d %B, %Y",  # 25 October, 2006
    "%d %b, %Y",  # 25 Oct, 2006
    "%B %d %Y",  # October 25 2006
    "%b %d %Y",  # Oct 25 2006
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
]
