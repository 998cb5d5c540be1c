"""Interface strings that their own Chinese catalogues lack or get wrong, named here so that
make messages keeps their translations in ours (locale/zh_Hans), which Django reads first:
Django 6.1's few, and django-axes', which has no Chinese catalogue (its section of the back
office, where site admins see and lift lockouts)."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS_WITHOUT_CHINESE = [
    # The blank choice of every select (django/db/models/fields/__init__.py).
    gettext_noop("- Select an option -"),
    # The label of the admin's date hierarchy (admin/date_hierarchy.html).
    gettext_noop("Filter by %(field_name)s"),
]

# Django's Chinese for these is wrong; ours is read first.
DJANGO_STRINGS_MISTRANSLATED = [
    # A text with a NUL character (core/validators.py): Django's says 不允许是用空字符串, a
    # typo of "an empty string is not allowed", which the field was not.
    gettext_noop("Null characters are not allowed."),
]

# django-axes' strings (axes/models.py, admin.py, handlers, management commands), Yes and No
# aside, which Django's catalogue has.
AXES_STRINGS_WITHOUT_CHINESE = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
]

# django-tasks-db's names of its records (its queue's section of the back office, the admin
# log's entries), which it has in English alone.
TASKS_STRINGS_WITHOUT_CHINESE = [
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
]
