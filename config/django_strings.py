"""Interface strings that their own Chinese catalogues lack or get wrong, named here so that
make messages keeps their translations in ours (locale/zh_Hans), which Django reads first
(LOCALE_PATHS before the apps' catalogues): Django 6.1's few and those it words poorly,
django-reversion's restore and recover pages, and django-axes', which has no Chinese
catalogue (its section of the back office, where site admins see and lift lockouts). The
browser's strings of the same kind are in locale/zh_Hans/LC_MESSAGES/djangojs.po."""

from django.utils.translation import gettext_noop, ngettext_lazy

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

# Django's Chinese for these is worded as no Chinese interface is: machine-like (型号名称 for
# "Model name", 变化 and 动作 for "Change" and "Action"), ASCII punctuation in Chinese text
# ("确认小数不超过 2 位."), spaces around the names put in ("选择 合作项目 来修改"), 你 where
# the rest of the back office says 您. Only those the back office and its forms show; ours
# are read first. Plural messages are named with ngettext_lazy, which makemessages reads as
# one entry with its plural (Django has no ngettext_noop); nothing here is ever evaluated.
DJANGO_STRINGS_REWORDED = [
    # The default suffix of every form label (django/forms/forms.py): 用户名: → 用户名：
    gettext_noop(":"),
    # The admin's index and its navigation sidebar (admin/app_list.html).
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Add"),
    gettext_noop("Recent actions"),
    gettext_noop("My actions"),
    gettext_noop("None available"),
    # Change lists: title, filters, search, actions (admin/change_list.html, actions.html).
    gettext_noop("Select %s to change"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Filter"),
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Search %(name)s"),
    gettext_noop("Action:"),
    gettext_noop("Run"),
    gettext_noop("0 of %(cnt)s selected"),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
    gettext_noop("%(full_result_count)s total"),
    ngettext_lazy("%(counter)s result", "%(counter)s results"),
    gettext_noop("No action selected."),
    gettext_noop(
        "Items must be selected in order to perform actions on them. No items have been changed."
    ),
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
    ),
    # Deleting (admin/actions.py, delete_selected_confirmation.html, delete_confirmation.html).
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop(
        "Are you sure you want to delete the selected %(objects_name)s? All of the following "
        "objects and their related items will be deleted:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
        "following related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following "
        "protected related objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would require deleting the following protected "
        "related objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would result in deleting related objects, but "
        "your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    # Change forms: title, inlines, the messages after a save (admin/options.py).
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("Change history: %s"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Save and add another"),
    gettext_noop("Sorting priority: %(priority_number)s"),
    gettext_noop("Popup closing…"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    # The admin's login and password pages (admin/forms.py, registration/*.html).
    gettext_noop(
        "Please enter the correct %(username)s and password for a staff account. Note that both "
        "fields may be case-sensitive."
    ),
    gettext_noop("You don’t have permission to view or edit anything."),
    gettext_noop("Your password was changed."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    # The password rules' help under every new-password field (auth/password_validation.py).
    gettext_noop("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    # Form and model validation (core/validators.py, forms/models.py, forms/forms.py).
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
    ),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
    ),
    gettext_noop("Please correct the duplicate data for %(field)s, which must be unique."),
    gettext_noop("Please correct the duplicate data for %(field)s."),
    gettext_noop("Please correct the duplicate values below."),
    gettext_noop("(Hidden field %(name)s) %(error)s"),
    # A field's refusal, beside it in every form and the portal's filters ("执行年份自：输入整数。"
    # read as an order without 请; "选择一个有效的选项。 %(value)s", a space after 。).
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
]

# django-reversion's pages for restoring a version and recovering a deleted record
# (reversion/templates/reversion/*.html, admin.py): "对象" and "单击保存按钮将此对象恢复到此
# 版本" where the back office says 记录, spaces around the name, ASCII hyphens as separators.
REVERSION_STRINGS_REWORDED = [
    gettext_noop("Recover deleted %(name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Press the save button below to revert to this version of the object."),
    gettext_noop("Press the save button below to recover this version of the object."),
    gettext_noop("Choose a date from the list below to recover a deleted version of an object."),
    gettext_noop("There are no deleted objects to recover."),
    gettext_noop("Could not load %(object_repr)s version - not found"),
    gettext_noop("Could not load %(object_repr)s version - incompatible version data."),
    gettext_noop("Could not load %(object_repr)s version - unknown serializer %(format)s."),
]
