"""Django 6.1's interface strings that its own Chinese catalogue lacks, named here so that
make messages keeps their translations in ours (locale/zh_Hans), which Django reads first."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS_WITHOUT_CHINESE = [
    # The blank choice of every select (django/db/models/fields/__init__.py).
    gettext_noop("- Select an option -"),
    # The label of the admin's date hierarchy (admin/date_hierarchy.html).
    gettext_noop("Filter by %(field_name)s"),
]
