"""Chinese: Django's formats, with large numbers grouped in threes by commas (3,200,000 元),
as Chinese statistics and finance print amounts and as the dashboard's charts already
showed them. Django's Chinese format groups nothing, so a reader met "3200000 CNY" on a
project's page beside "3,200,000" in English, and the dashboard's tables disagreed with its
charts. A date typed as Chinese writes it (2026年12月7日) is read too (DATE_INPUT_FORMATS)."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# The dates a form reads: Django's, with its third fixed. Django's "%Y年%n月%j日" read no date
# at all (%j is the day of the year, %n no directive strptime knows), so "2026年12月7日" was
# "Enter a valid date". The first stays the one the admin's date box and calendar write.
DATE_INPUT_FORMATS = ["%Y/%m/%d", "%Y-%m-%d", "%Y年%m月%d日"]
