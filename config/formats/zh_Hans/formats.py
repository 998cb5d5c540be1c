"""Chinese: Django's formats, with large numbers grouped in threes by commas (3,200,000 元),
as Chinese statistics and finance print amounts and as the dashboard's charts already
showed them. Django's Chinese format groups nothing, so a reader met "3200000 CNY" on a
project's page beside "3,200,000" in English, and the dashboard's tables disagreed with its
charts."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
