"""The partner-country map: drawn from bundled shapes, no outside requests."""

import re

import pytest

from cooperation.models import PartnerCountry
from portal.worldmap import country_shapes, partner_map
from tests import factories as f


def test_shapes_cover_the_world_at_1_to_110m():
    shapes = country_shapes()
    assert len(shapes) > 150
    japan = shapes["392"]
    assert japan["d"].startswith("M")
    assert 780 < japan["x"] < 960 and 100 < japan["y"] < 200  # north-east of the map


@pytest.mark.django_db
def test_map_draws_partner_countries_that_have_a_shape():
    f.PartnerCountryFactory(country="JP")
    f.PartnerCountryFactory(country="SG")  # too small for a 1:110m map
    drawn = partner_map(PartnerCountry.objects.all())
    assert [place["country"].code for place in drawn] == ["JP"]


@pytest.mark.django_db
def test_home_page_shows_the_map_of_countries_with_public_projects(client):
    japan = f.PartnerCountryFactory(country="JP")
    f.PartnerCountryFactory(country="DE")  # no public project: not on the map
    f.CooperationProjectFactory(partners=[f.InstitutionFactory(country=japan)])
    html = client.get("/en/").text
    assert len(re.findall(r'class="map-partner"', html)) == 1
    assert 'href="/en/countries/jp/"' in html
    assert "Japan: 1 project" in html
    assert not re.search(
        r'(src|href)="https?://', html.split('class="world-map"')[1].split("</figure>")[0]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_home_page_map_loads_at_once_as_the_first_screen_shows_it(client, language):
    """At 1280 px wide the map is in the first screen and its largest element: a lazy image
    waited for the layout to be worked out before it was even asked for."""
    html = client.get(f"/{language}/").text
    [image] = re.findall(r'<figure class="world-map".*?(<img [^>]*>)', html, re.DOTALL)
    assert "loading=" not in image
    assert 'fetchpriority="high"' in image
