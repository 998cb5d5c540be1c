"""A part of a name is found whatever its accents (cooperation.models.contains_in_either_language,
cooperation.0020): "Muller" finds "Müller" and "Jose" "José", and the other way round, in the
researchers' and the institutions' directories and in the portal's search, on PostgreSQL
(unaccent) as on SQLite (fold_accents)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.translation import override

from cooperation.models import Researcher, contains_in_either_language
from portal.search import search
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "muller": f.ResearcherFactory(
            slug="muller", name_en="Anna Müller", name_zh_hans="安娜·米勒"
        ),
        "jose": f.ResearcherFactory(slug="jose", name_en="José Álvarez", name_zh_hans=""),
        "plain": f.ResearcherFactory(slug="plain", name_en="Jose Mullins", name_zh_hans=""),
        "li": f.ResearcherFactory(slug="li", name_en="Li Na", name_zh_hans="李娜"),
    }


def slugs(response) -> set[str]:
    return {researcher.slug for researcher in response.context["researchers"]}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Muller", {"muller"}),
        ("müller", {"muller"}),
        ("MÜLL", {"muller", "plain"}),
        ("Jose", {"jose", "plain"}),
        ("josé alvarez", {"jose"}),
        ("ALVAREZ JOSE", {"jose"}),
        ("李", {"li"}),
        # The pattern's own characters are matched as written, folded or not.
        ("Jos_", set()),
        ("%", set()),
    ],
)
def test_the_researchers_directory_finds_a_name_whatever_its_accents(
    client, people, name, expected
):
    with override("en"):
        response = client.get(reverse("cooperation:researcher-list"), {"name": name})

    assert response.status_code == 200
    assert slugs(response) == expected


def test_the_institutions_directory_folds_accents_too(client):
    germany = f.PartnerCountryFactory(country="DE")
    f.InstitutionFactory(country=germany, slug="charite", name_en="Charité Berlin")
    f.InstitutionFactory(country=germany, slug="tum", name_en="TU Munich")

    with override("en"):
        response = client.get(reverse("cooperation:institution-list"), {"name": "charite"})

    assert [i.slug for i in response.context["institutions"]] == ["charite"]


def test_the_portal_search_finds_a_researcher_whatever_the_accents(people):
    def found(query: str) -> set[str]:
        return {
            hit.record.slug
            for group in search(query, "en").groups
            if group.kind.key == "researchers"
            for hit in group.hits
        }

    assert found("Muller") == {"muller"}
    assert found("Jose") == {"jose", "plain"}
    assert found("José") == {"jose", "plain"}


def test_a_letter_is_folded_alike_on_both_sides(people):
    """The query is folded by the database's own function, not by Python's: a letter that
    only one of them folds (ß on PostgreSQL, to "ss") still finds itself."""
    f.ResearcherFactory(slug="strauss", name_en="Jörg Strauß")

    def matching(text: str) -> set[str]:
        filtered = Researcher.objects.filter(contains_in_either_language("name", text))
        return set(filtered.values_list("slug", flat=True))

    assert matching("Strauß") == {"strauss"}
    assert matching("jorg") == {"strauss"}
    if connection.vendor == "postgresql":
        assert matching("Strauss") == {"strauss"}


def test_postgresql_folds_the_reader_s_word_once_and_each_name_cheaply(people):
    """The word is folded by the immutable wrapper, which the planner computes before the scan
    (a constant in the plan, not a call a row); each name by unaccent() itself, as the
    wrapper, not inlined, made a scan six times dearer (cooperation.0020)."""
    matching = Researcher.objects.filter(contains_in_either_language("name", "Müller"))
    sql, params = matching.query.sql_with_params()
    if connection.vendor != "postgresql":
        # SQLite folds both sides through the function each connection is given in Python.
        assert sql.count("coopbase_fold_accents(") == 4  # a column and the word, per language
        assert "unaccent" not in sql
        return
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "~~ '%MULLER%'::text" in plan
    assert "unaccent('unaccent'::regdictionary, (name_en)::text)" in plan
    assert "coopbase_fold_accents" not in plan
