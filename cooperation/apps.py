from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class CooperationConfig(AppConfig):
    # The app's own configuration, though this module holds two.
    default = True
    name = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from django.apps import apps
        from django.db.backends.signals import connection_created

        from config.translated_querysets import make_each_class_once
        from cooperation.addresses import keep_former_slugs
        from cooperation.models import KeepsFormerSlugs, add_sqlite_functions

        # Each translated model's queryset class made once, not on every query.
        make_each_class_once()

        # SQLite sorts names as readers read them, as PostgreSQL's ICU collations do, and
        # folds accents as PostgreSQL's unaccent does.
        connection_created.connect(add_sqlite_functions, dispatch_uid="sqlite-functions")

        # Every record with a page at its slug (articles, categories and pages too): its old
        # addresses keep leading to it. All apps' models are loaded before any ready().
        keep_former_slugs(
            *(model for model in apps.get_models() if issubclass(model, KeepsFormerSlugs))
        )


class BackgroundTasksConfig(TasksAppConfig):
    """django-tasks-db's queue (the workflow's mail, with DJANGO_TASKS=database), named for
    staff in their language: its own name, "Tasks Database Backend", is English alone, in the
    admin log's entries and at the head of its section of the back office."""

    verbose_name = _("Background tasks")
