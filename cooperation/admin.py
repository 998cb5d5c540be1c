"""The back office for the cooperation domain."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import options as admin_options
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname

from config.admin_search import BoundedSearchMixin
from config.spreadsheets import SpreadsheetExportMixin
from cooperation import upkeep
from cooperation.addresses import former_slugs
from cooperation.admin_lists import (
    LargeTableAdminMixin,
    ProjectCheckListFilter,
    ResearchFieldListFilter,
    UntranslatedListFilter,
)
from cooperation.admin_spreadsheets import SpreadsheetImportExportMixin
from cooperation.admin_workflow import PublishableAdminMixin, publication_label
from cooperation.kept_uploads import KeptUploadsAdminMixin
from cooperation.models import (
    Achievement,
    Award,
    CooperationProject,
    Exchange,
    Institution,
    PartnerCountry,
    PartnerRole,
    ProjectPartner,
    ProjectResearchField,
    Researcher,
    ResearchField,
    Unit,
    institution_name_key,
)
from cooperation.resources import (
    AchievementResource,
    AwardResource,
    ExchangeResource,
    InstitutionResource,
    ProjectResource,
    ResearcherResource,
)

admin.site.site_header = _("Coopbase back office")
admin.site.site_title = _("Coopbase")
admin.site.index_title = _("Records")


class TranslatedFieldErrorsForm(forms.ModelForm):
    """Shows a model error about a translated field (``cover_image_alt``) on the form.

    A translation admin form has one column per language (``cover_image_alt_zh_hans``, …)
    but not the field itself, and Django refuses an error for a field the form lacks with a
    500. The error goes to the column of the default language, which readers fall back to.
    """

    def _update_errors(self, errors: ValidationError) -> None:
        if hasattr(errors, "error_dict"):
            for name in [name for name in errors.error_dict if name not in self.fields]:
                column = build_localized_fieldname(name, mt_settings.DEFAULT_LANGUAGE)
                if column in self.fields:
                    errors.error_dict.setdefault(column, []).extend(errors.error_dict.pop(name))
        super()._update_errors(errors)


class ValidChoicesAutocompleteMixin:
    """An autocomplete that leaves out the chosen values its related field cannot hold.

    Django's widget labels the chosen options with a query by those values, so a forged post
    (``lead_unit=abc``, ``country=JP``) whose form is invalid failed again with a 500 when the
    form was shown with its errors. Left out here, the form shows its own error ("Select a
    valid choice") on the field, as for any other value that names no row.
    """

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._holdable(v)], attr)

    def _holdable(self, value) -> bool:
        # The field Django's optgroups looks the values up by (the to_field, or the pk).
        remote_opts = self.field.remote_field.model._meta
        to_field = remote_opts.get_field(
            getattr(self.field.remote_field, "field_name", remote_opts.pk.attname)
        )
        try:
            # The validators bound an integer to what the column holds (no OverflowError).
            to_field.run_validators(to_field.to_python(value))
        except ValidationError:
            return False
        return True


class ValidChoicesAutocompleteSelect(ValidChoicesAutocompleteMixin, AutocompleteSelect):
    pass


class ValidChoicesAutocompleteSelectMultiple(
    ValidChoicesAutocompleteMixin, AutocompleteSelectMultiple
):
    pass


# Every admin's autocomplete fields, the news admin's included: ModelAdmin.formfield_for_
# foreignkey / _for_manytomany build these two widgets by the names of Django's admin options
# module, which no admin setting replaces for all admins at once.
admin_options.AutocompleteSelect = ValidChoicesAutocompleteSelect
admin_options.AutocompleteSelectMultiple = ValidChoicesAutocompleteSelectMultiple


class LoadedAutocompleteSelect(ValidChoicesAutocompleteSelect):
    """An autocomplete that labels its chosen option from an object already at hand.

    Django's widget runs one query per inline row to label the chosen option, so a project
    with many partners would cost a query each. The inline below loads the related objects
    with its rows and hands each widget its label; an unknown value falls back to Django.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.known_labels: dict[str, str] = {}

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not chosen or any(v not in self.known_labels for v in chosen):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        options.append(
            self.create_option(name, chosen[0], self.known_labels[chosen[0]], True, len(options))
        )
        return [(None, options, 0)]


class LoadedAutocompleteForm(forms.ModelForm):
    """Hands each autocomplete widget the label of the row's own related object."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, LoadedAutocompleteSelect):
                continue
            if not self.instance._meta.get_field(name).is_cached(self.instance):
                continue
            related = getattr(self.instance, name)
            if related is not None:
                widget.known_labels = {str(related.pk): field.label_from_instance(related)}


class LoadedAutocompleteInline(admin.TabularInline):
    """An inline whose rows cost no query each, however many rows a record has."""

    form = LoadedAutocompleteForm

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LoadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LabelledCellsFormSet(forms.BaseInlineFormSet):
    """The rows of a tabular inline, each field named by its column and its row ("Role,
    project partner 2"): a cell has no label of its own, and a column's heading names no
    field, so a screen reader announced each of them without a name."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if index is None:  # the blank row the admin's script copies for "Add another"
            name = gettext("%(field)s, new %(record)s")
        else:
            name = gettext("%(field)s, %(record)s %(number)d")
        for field in form.fields.values():
            if field.widget.is_hidden:
                continue
            # The widget itself, not the admin's wrapper (whose copies share one attrs).
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["aria-label"] = name % {
                "field": field.label,
                "record": self.model._meta.verbose_name,
                "number": (index or 0) + 1,
            }


class LabelledRowsFormSet(forms.BaseModelFormSet):
    """A change list's editable cells (``list_editable``), each named by its column and its
    record ("Order, Antimicrobial peptides"): as an inline's, a cell has no label, and
    axe found the research fields' and the news categories' sort orders without a name."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        for field in form.fields.values():
            if field.widget.is_hidden:
                continue
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["aria-label"] = gettext("%(field)s, %(record)s") % {
                "field": field.label,
                "record": form.instance,
            }


class LabelledListEditableMixin:
    """Names the cells of the list's editable column (see ``LabelledRowsFormSet``)."""

    def get_changelist_formset(self, request: HttpRequest, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)
        return type(formset.__name__, (LabelledRowsFormSet, formset), {})


class ProjectPartnerFormSet(LabelledCellsFormSet):
    """A project's partners: one of them, at most, leads it (as the spreadsheets and the
    open data name a single lead partner)."""

    def clean(self) -> None:
        super().clean()
        leads = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == PartnerRole.LEAD_PARTNER
        ]
        if len(leads) > 1:
            raise ValidationError(
                _("A project has one lead partner: give the others another role."),
                code="several_lead_partners",
            )


class ProjectPartnerInline(LoadedAutocompleteInline):
    model = ProjectPartner
    formset = ProjectPartnerFormSet
    extra = 0
    autocomplete_fields = ["institution"]


class ProjectResearchFieldInline(LoadedAutocompleteInline):
    model = ProjectResearchField
    formset = LabelledCellsFormSet
    extra = 0
    autocomplete_fields = ["field"]


class ProjectAchievementFormSet(LabelledCellsFormSet):
    """A project's achievements, entered with it: a new row follows the project's review,
    not a review of its own (``Achievement.enter_with_project``)."""

    def save_new(self, form: forms.ModelForm, commit: bool = True) -> Achievement:
        form.instance.enter_with_project()
        return super().save_new(form, commit)


class AchievementInline(TranslationTabularInline):
    model = Achievement
    formset = ProjectAchievementFormSet
    extra = 0
    # Each row's own publication state, read-only: it changes in the achievements' list,
    # through the workflow (a row may be archived there, or an imported draft).
    fields = ["kind", "title", "year", "identifier", "publication"]
    readonly_fields = ["publication"]
    # The project's own "view on site" covers its rows; a link a row would look up its
    # content type for.
    view_on_site = False

    @admin.display(description=_("publication status"))
    def publication(self, achievement: Achievement) -> str:
        if achievement.pk is None:
            return gettext("Published with the project")
        return publication_label(achievement)


# The back office's search of records with a title and a summary (projects; news in
# news/admin.py). Each lookup has an index on PostgreSQL (trigram: cooperation.0002,
# news.0002, and the English summaries' of 0007; the slug's own index serves a prefix), so
# a search reads the matching rows, not the whole table. Chinese has no letter case: plain
# contains.
TITLE_SUMMARY_SEARCH = [
    "title_zh_hans__contains",
    "title_en",
    "summary_zh_hans__contains",
    "summary_en",
    "slug__startswith",
]


class FormerAddressesAdminMixin:
    """The slug's help (a partner country's code's: its address too) says what changing it
    does (the old address keeps working) and names the slugs the record had
    (cooperation.addresses)."""

    former_slugs_shown = 10

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field = self.model.address_field
        if field in form.base_fields:
            form.base_fields[field].help_text = self.slug_help(request, obj)
        return form

    def slug_help(self, request: HttpRequest, obj) -> str:
        # The admin builds a change view's form twice (the first lists its fields): the
        # record's former slugs are read once a request.
        kept = request.__dict__.setdefault("_slug_help", {})
        key = None if obj is None else obj.pk
        if key not in kept:
            text = gettext(
                "Part of the page's address. If you change it, the old address keeps working: "
                "it redirects readers here."
            )
            former = []
            if obj is not None:
                former = former_slugs(obj).values_list("slug", flat=True)
                former = list(former[: self.former_slugs_shown])
            if former:
                former_text = (
                    gettext("Former slugs: %s")
                    if self.model.address_field == "slug"
                    else gettext("Former codes: %s")  # a partner country's
                )
                text = format_html("{} {}", text, former_text % ", ".join(former))
            kept[key] = text
        return kept[key]


@admin.register(PartnerCountry)
class PartnerCountryAdmin(
    FormerAddressesAdminMixin, BoundedSearchMixin, SpreadsheetExportMixin, TranslationAdmin
):
    list_display = ["__str__", "code", "region", "since_year", "institution_count"]
    list_filter = ["region"]
    search_fields = ["country", "summary_zh_hans", "summary_en"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(_institution_count=Count("institutions"))

    @admin.display(description=_("institutions"), ordering="_institution_count")
    def institution_count(self, obj: PartnerCountry) -> int:
        return obj._institution_count


def institution_label(institution: Institution) -> str:
    """An institution as a duplicate's error names it: its names, then its country."""
    names = dict.fromkeys(
        name for column in Institution.name_columns() if (name := getattr(institution, column))
    )
    return gettext("%(names)s (%(country)s)") % {
        "names": " / ".join(names),
        "country": institution.country,
    }


class InstitutionForm(TranslatedFieldErrorsForm):
    """An institution whose name (in either language) another one already has, as
    ``Institution.objects.named_like`` compares names, is not saved until staff say it is a
    different institution with the same name: a second "University of Tokyo" would split
    the first one's projects. Only a name that is new or changed (other than in case or
    spaces) is checked, so a record saved once as a namesake, or one left as it was, saves
    again unasked."""

    not_a_duplicate = forms.BooleanField(
        label=_("It is a different institution with the same name"),
        required=False,
        help_text=_(
            "Tick it only after checking the institution named above: one institution "
            "entered twice splits its projects between two records."
        ),
        # Shown only beside the error it answers (see clean).
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Ticked, it stays in sight (the form may come back for another error).
        field = self.fields["not_a_duplicate"]
        if self.is_bound and field.to_python(self["not_a_duplicate"].data):
            self.show_not_a_duplicate()

    def show_not_a_duplicate(self, namesakes: list[Institution] = ()) -> None:
        field = self.fields["not_a_duplicate"]
        field.widget = forms.CheckboxInput()
        if namesakes:
            # The admin shows a help text as HTML: each namesake links to its page (in a
            # new tab, so that the form stays as filled in).
            links = format_html_join(
                "; ",
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                (
                    (reverse("admin:cooperation_institution_change", args=[i.pk]), label)
                    for i in namesakes
                    if (label := institution_label(i))
                ),
            )
            field.help_text = format_html(
                gettext(
                    "Tick it only after checking {institutions}: one institution entered "
                    "twice splits its projects between two records."
                ),
                institutions=links,
            )
            # The bound field, made as the form was cleaned, keeps a copy of the help.
            self["not_a_duplicate"].help_text = field.help_text

    def clean(self) -> dict:
        cleaned_data = super().clean()
        # The record's names as stored (the form sets the new ones after clean).
        kept = self.instance.name_keys() if self.instance.pk else set()
        names = {
            column: name
            for column in Institution.name_columns()
            if column in self.changed_data
            and (name := cleaned_data.get(column))
            and institution_name_key(name) not in kept
        }
        if not names:
            return cleaned_data
        namesakes = list(
            Institution.objects.named_like(*names.values(), excluding=self.instance)
            .select_related("country")
            .order_by("pk")
        )
        if not namesakes:
            return cleaned_data
        self.show_not_a_duplicate(namesakes)
        if cleaned_data.get("not_a_duplicate"):
            return cleaned_data
        named: set[int] = set()
        for column, name in names.items():
            key = institution_name_key(name)
            theirs = [i for i in namesakes if i.pk not in named and key in i.name_keys()]
            if theirs:
                named.update(i.pk for i in theirs)
                self.add_error(column, self.namesakes_error(theirs))
        return cleaned_data

    def namesakes_error(self, namesakes: list[Institution]) -> ValidationError:
        message = ngettext(
            "Another institution already has this name: %(institutions)s. If this is a "
            "different institution with the same name, tick “%(confirm)s” below and save again.",
            "Other institutions already have this name: %(institutions)s. If this is a "
            "different institution with the same name, tick “%(confirm)s” below and save again.",
            len(namesakes),
        )
        return ValidationError(
            message,
            code="duplicate_name",
            params={
                "institutions": "; ".join(map(institution_label, namesakes)),
                "confirm": self.fields["not_a_duplicate"].label,
            },
        )


@admin.register(Institution)
class InstitutionAdmin(
    KeptUploadsAdminMixin,
    FormerAddressesAdminMixin,
    LargeTableAdminMixin,
    SpreadsheetImportExportMixin,
    TranslationAdmin,
):
    resource_classes = [InstitutionResource]
    form = InstitutionForm
    list_display = ["name", "country", "city", "kind", "ror_id"]
    list_filter = ["kind", "country", UntranslatedListFilter]
    list_select_related = ["country"]
    search_fields = ["name_zh_hans", "name_en", "city_zh_hans", "city_en", "ror_id"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_fieldsets(self, request: HttpRequest, obj=None) -> list:
        # The form's own checkbox under the names, whose error it answers, not at the end.
        fieldsets = []
        for title, options in super().get_fieldsets(request, obj):
            fields = list(options["fields"])
            names = [at for at, name in enumerate(fields) if name in Institution.name_columns()]
            if names and "not_a_duplicate" in fields:
                fields.remove("not_a_duplicate")
                fields.insert(max(names) + 1, "not_a_duplicate")
            fieldsets.append((title, {**options, "fields": fields}))
        return fieldsets


@admin.register(ResearchField)
class ResearchFieldAdmin(
    LabelledListEditableMixin,
    FormerAddressesAdminMixin,
    BoundedSearchMixin,
    SpreadsheetExportMixin,
    TranslationAdmin,
):
    list_display = ["name", "parent", "sort_order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter), UntranslatedListFilter]
    list_select_related = ["parent"]
    list_editable = ["sort_order"]
    search_fields = ["name_zh_hans", "name_en"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Unit)
class UnitAdmin(
    FormerAddressesAdminMixin, BoundedSearchMixin, SpreadsheetExportMixin, TranslationAdmin
):
    list_display = ["name", "short_name", "website"]
    list_filter = [UntranslatedListFilter]
    search_fields = ["name_zh_hans", "name_en", "short_name_zh_hans", "short_name_en"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Researcher)
class ResearcherAdmin(
    FormerAddressesAdminMixin, LargeTableAdminMixin, SpreadsheetImportExportMixin, TranslationAdmin
):
    resource_classes = [ResearcherResource]
    list_display = ["name", "title", "unit", "orcid"]
    list_filter = ["unit", UntranslatedListFilter]
    list_select_related = ["unit"]
    search_fields = ["name_zh_hans", "name_en", "orcid", "email"]
    autocomplete_fields = ["unit"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(CooperationProject)
class CooperationProjectAdmin(
    KeptUploadsAdminMixin,
    FormerAddressesAdminMixin,
    LargeTableAdminMixin,
    SpreadsheetImportExportMixin,
    PublishableAdminMixin,
    TranslationAdmin,
):
    resource_classes = [ProjectResource]
    preview_url_name = "cooperation:project-preview"
    form = TranslatedFieldErrorsForm
    list_display = [
        "title",
        "kind",
        "status",
        "lead_unit",
        "start_date",
        "end_date",
        "publication_status",
        "featured",
    ]
    list_filter = [
        "publication_status",
        "status",
        "kind",
        "featured",
        "lead_unit",
        ResearchFieldListFilter,
        ProjectCheckListFilter,
        UntranslatedListFilter,
    ]
    list_select_related = ["lead_unit"]
    search_fields = TITLE_SUMMARY_SEARCH
    chinese_grams_search = True
    date_hierarchy = "start_date"
    autocomplete_fields = ["lead_unit", "principal_investigator"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [ProjectPartnerInline, ProjectResearchFieldInline, AchievementInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "kind", "status", "featured"]}),
        (
            _("Dates and people"),
            {"fields": ["start_date", "end_date", "lead_unit", "principal_investigator"]},
        ),
        (_("Funding"), {"fields": ["funding_source", "funding_amount", "currency"]}),
        (_("Outcomes and image"), {"fields": ["outcomes", "cover_image", "cover_image_alt"]}),
        (_("Publication"), {"fields": ["publication_status", "published_at"]}),
    ]
    actions = ["set_status_from_dates"]

    @admin.action(description=_("Set the status their dates call for"), permissions=["publish"])
    def set_status_from_dates(self, request: HttpRequest, queryset: QuerySet) -> None:
        fix = upkeep.set_status_from_dates(queryset, request.user, timezone.localdate())
        told = [
            (
                messages.SUCCESS,
                fix.changed,
                ngettext(
                    "The status of %(count)d project was set from its dates.",
                    "The status of %(count)d projects was set from their dates.",
                    fix.changed,
                ),
            ),
            (
                messages.INFO,
                fix.unchanged,
                ngettext(
                    "The dates of %(count)d project call for no other status.",
                    "The dates of %(count)d projects call for no other status.",
                    fix.unchanged,
                ),
            ),
            (
                messages.WARNING,
                fix.remaining,
                ngettext(
                    "%(count)d more project is due another status: run the action again.",
                    "%(count)d more projects are due another status: run the action again.",
                    fix.remaining,
                ),
            ),
        ]
        for level, count, message in told:
            if count or level == messages.SUCCESS:
                messages.add_message(request, level, message % {"count": count})
        waiting = gettext("changes wait for review: publish or discard them first")
        self._refused_message(request, [f"“{title}” ({waiting})" for title in fix.refused])


@admin.register(Award)
class AwardAdmin(
    KeptUploadsAdminMixin,
    FormerAddressesAdminMixin,
    LargeTableAdminMixin,
    SpreadsheetImportExportMixin,
    PublishableAdminMixin,
    TranslationAdmin,
):
    resource_classes = [AwardResource]
    preview_url_name = "cooperation:award-preview"
    list_display = [
        "title",
        "granting_body",
        "level",
        "year",
        "recipient_display",
        "publication_status",
    ]
    list_filter = ["publication_status", "level", "year", UntranslatedListFilter]
    list_select_related = ["recipient_unit", "recipient_researcher", "recipient_project"]
    search_fields = ["title_zh_hans", "title_en", "granting_body_zh_hans", "granting_body_en"]
    chinese_grams_search = True
    date_hierarchy = "awarded_on"
    autocomplete_fields = ["recipient_unit", "recipient_researcher", "recipient_project"]
    prepopulated_fields = {"slug": ["title_en"]}

    @admin.display(description=_("recipient"))
    def recipient_display(self, obj: Award) -> str:
        return str(obj.recipient or _("the base"))


@admin.register(Achievement)
class AchievementAdmin(
    LargeTableAdminMixin, SpreadsheetImportExportMixin, PublishableAdminMixin, TranslationAdmin
):
    resource_classes = [AchievementResource]
    preview_url_name = "cooperation:achievement-preview"
    list_display = ["title", "kind", "year", "project", "identifier", "publication_status"]
    list_filter = ["publication_status", "kind", "year", UntranslatedListFilter]
    list_select_related = ["project"]
    search_fields = ["title_zh_hans", "title_en", "identifier"]
    autocomplete_fields = ["project"]


@admin.register(Exchange)
class ExchangeAdmin(
    LargeTableAdminMixin, SpreadsheetImportExportMixin, PublishableAdminMixin, TranslationAdmin
):
    resource_classes = [ExchangeResource]
    preview_url_name = "cooperation:exchange-preview"
    list_display = [
        "title",
        "kind",
        "country",
        "institution",
        "start_date",
        "people_count",
        "publication_status",
    ]
    list_filter = ["publication_status", "kind", "country", "unit", UntranslatedListFilter]
    list_select_related = ["country", "institution"]
    search_fields = ["title_zh_hans", "title_en"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["country", "institution", "unit", "project"]
