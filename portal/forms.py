from django import forms
from django.utils.translation import gettext_lazy as _

from config.search_columns import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False)
