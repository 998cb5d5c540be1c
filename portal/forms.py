from django import forms
from django.utils.translation import gettext_lazy as _

from config.search_columns import MAX_QUERY_LENGTH
from portal.search import KINDS, KINDS_BY_KEY


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.SearchInput,
    )
    # A search narrowed to one kind (portal.search.KindResults), by its key: an unknown one
    # is the reader's error (400), never a 500.
    kind = forms.TypedChoiceField(
        label=_("Search in"),
        choices=[("", _("All kinds of records")), *((kind.key, kind.label) for kind in KINDS)],
        coerce=KINDS_BY_KEY.get,
        empty_value=None,
        required=False,
    )
