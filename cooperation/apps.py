from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from django.apps import apps

        from cooperation.addresses import keep_former_slugs
        from cooperation.models import KeepsFormerSlugs

        # Every record with a page at its slug (articles, categories and pages too): its old
        # addresses keep leading to it. All apps' models are loaded before any ready().
        keep_former_slugs(
            *(model for model in apps.get_models() if issubclass(model, KeepsFormerSlugs))
        )
