"""A public record's "Cite and share" block: its citation in each language (GB/T 7714 in
Chinese, APA in English), its RIS and BibTeX files, the share links and the QR code of its
address, for public records only, at no query more on the page."""

import re
from datetime import date, datetime
from html import unescape
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape

from cooperation.models import PartnerRole, ProjectPartner
from cooperation.publication import PublicationStatus
from cooperation.views import AchievementDetailView, AwardDetailView, ProjectDetailView
from news.models import load_page_relations
from news.views import ArticleDetailView
from portal import citations
from portal.templatetags.portal_tags import cite_and_share
from tests import factories as f
from tests.pages import hidden_states, url

HOST = "http://testserver"


def updated(record) -> str:
    return f"{timezone.localdate(record.last_changed):%Y-%m-%d}"


@pytest.fixture
def project(db):
    unit = f.UnitFactory(name_zh_hans="成都大学药学院", name_en="College of Pharmacy")
    project = f.CooperationProjectFactory(
        title_zh_hans="海洋药物联合研究",
        title_en="Joint research on marine drugs",
        slug="marine-drugs",
        lead_unit=unit,
        start_date=date(2021, 3, 1),
        end_date=date(2024, 12, 31),
    )
    names = [
        ("京都大学", "Kyoto University", PartnerRole.LEAD_PARTNER),
        ("大阪大学", "Osaka University", PartnerRole.PARTNER),
        ("东京大学", "University of Tokyo", PartnerRole.PARTNER),
    ]
    for zh, en, role in names:
        institution = f.InstitutionFactory(name_zh_hans=zh, name_en=en)
        ProjectPartner.objects.create(project=project, institution=institution, role=role)
    return project


@pytest.fixture
def article(db):
    return f.ArticleFactory(
        title_zh_hans="基地召开年度会议",
        title_en="The base holds its annual meeting",
        slug="annual-meeting",
        published_at=timezone.make_aware(datetime(2025, 6, 1, 10, 0)),
    )


@pytest.fixture
def award(db):
    return f.AwardFactory(
        title_zh_hans="国际科技合作先进基地",
        title_en="Advanced Base for International Cooperation",
        slug="advanced-base",
        year=2022,
    )


@pytest.fixture
def paper(db, project):
    return f.AchievementFactory(
        kind="paper",
        title_zh_hans="海洋链霉菌新化合物",
        title_en="New compounds from marine Streptomyces",
        year=2023,
        identifier="10.5555/md.2023.7",
        project=project,
    )


def citation_on(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    match = re.search(r'<p class="citation" id="citation-text">(.*?)</p>', response.text)
    assert match, "no citation on " + path
    return match[1].replace("&amp;", "&").replace("&#x27;", "'")


# The citation's text ---------------------------------------------------------------------


def test_a_projects_citation_in_chinese_follows_gb_t_7714(client, project):
    path = url("cooperation:project-detail", "zh-hans", slug="marine-drugs")
    assert citation_on(client, path) == (
        "成都大学药学院, 京都大学, 大阪大学, 等. 海洋药物联合研究[EB/OL]. 国际科技合作基地, "
        f"2021—2024. ({updated(project)})[引用日期]. {HOST}/zh-hans/projects/marine-drugs/."
    )


def test_a_projects_citation_in_english_is_apa_with_the_access_date_left_to_the_reader(
    client, project
):
    project.end_date = None
    project.save()
    path = url("cooperation:project-detail", "en", slug="marine-drugs")
    assert citation_on(client, path) == (
        "College of Pharmacy, Kyoto University, Osaka University, et al. (2021–present). "
        "Joint research on marine drugs [Cooperation project]. "
        "International S&T Cooperation Base. "
        f"Retrieved [access date], from {HOST}/en/projects/marine-drugs/"
    )
    page = client.get(path).text
    assert "Replace [access date] with the date you read the page." in page


def test_an_articles_citation_gives_its_date_and_no_access_date_in_english(client, article):
    english = citation_on(client, url("news:article-detail", "en", slug="annual-meeting"))
    assert english == (
        "International S&T Cooperation Base. (2025, June 1). The base holds its annual "
        f"meeting. {HOST}/en/news/annual-meeting/"
    )
    chinese = citation_on(client, url("news:article-detail", "zh-hans", slug="annual-meeting"))
    # The base is the author: GB/T 7714 names no publisher after it.
    assert chinese == (
        f"国际科技合作基地. 基地召开年度会议[EB/OL]. ({updated(article)})[引用日期]. "
        f"{HOST}/zh-hans/news/annual-meeting/."
    )


def test_the_page_says_to_replace_the_access_date_wherever_its_citation_leaves_one(client, article):
    """GB/T 7714 leaves "[引用日期]" in an article's citation too (APA leaves nothing in a
    dated article's): the reader is told to fill it in wherever the text holds it."""
    chinese = client.get(url("news:article-detail", "zh-hans", slug="annual-meeting")).text
    english = client.get(url("news:article-detail", "en", slug="annual-meeting")).text

    assert "[引用日期]" in citation_on(
        client, url("news:article-detail", "zh-hans", slug="annual-meeting")
    )
    assert "请将[引用日期]替换为您查阅本页的日期" in chinese
    assert "[access date]" not in english
    assert '<p class="muted cite-style">Style: APA 7.</p>' in english


def test_an_awards_citation_names_its_granting_body(client, award):
    english = citation_on(client, url("cooperation:award-detail", "en", slug="advanced-base"))
    assert english.startswith(
        "Science & Technology Department of Sichuan Province. (2022). Advanced Base for "
        "International Cooperation [Award]. International S&T Cooperation Base. Retrieved"
    )
    chinese = citation_on(client, url("cooperation:award-detail", "zh-hans", slug="advanced-base"))
    assert chinese.startswith(
        "四川省科学技术厅. 国际科技合作先进基地[EB/OL]. 国际科技合作基地, 2022. ("
    )


def test_a_papers_citation_gives_its_doi_and_a_patents_its_number(client, paper):
    path = url("cooperation:achievement-detail", "zh-hans", pk=paper.pk)
    assert citation_on(client, path) == (
        f"国际科技合作基地. 海洋链霉菌新化合物[EB/OL]. 2023. ({updated(paper)})[引用日期]. "
        f"{HOST}/zh-hans/achievements/{paper.pk}/. DOI:10.5555/md.2023.7."
    )
    english_page = url("cooperation:achievement-detail", "en", pk=paper.pk)
    # APA 7: a work with a DOI is given by it, as a link, in place of the page's address, and
    # needs no retrieval date (nor the note that asks for one).
    assert citation_on(client, english_page) == (
        "International S&T Cooperation Base. (2023). New compounds from marine Streptomyces "
        "[Paper]. https://doi.org/10.5555/md.2023.7"
    )
    assert "[access date]" not in client.get(english_page).text

    patent = f.AchievementFactory(kind="patent", identifier="CN102286512A", project=None)
    english = citation_on(client, url("cooperation:achievement-detail", "en", pk=patent.pk))
    assert f"{patent.title_en} [Patent, CN102286512A]." in english
    chinese = citation_on(client, url("cooperation:achievement-detail", "zh-hans", pk=patent.pk))
    assert f"{patent.title_zh_hans}: CN102286512A[EB/OL]." in chinese


def test_a_doi_in_apa_is_a_doi_org_link_encoded_as_the_papers_link_is(db):
    paper = citations.Citation(
        kind="achievement", record_key="7", language="en", authors=("Site",),
        title="T", start_year=2020, end_year=2020, updated=date(2025, 1, 2),
        url="https://x.test/en/achievements/7/", publisher="Site", genre="Paper",
        doi="10.1002/(SICI)1097-4571<3::AID>",
    )  # fmt: skip
    text = citations.citation_text(paper)
    assert text == (
        "Site. (2020). T [Paper]. https://doi.org/10.1002/%28SICI%291097-4571%3C3%3A%3AAID%3E"
    )
    assert citations.citation_style(paper) == ("APA 7", "")
    # GB/T 7714 writes the address, then the DOI as it is.
    chinese = citations.Citation(**{**paper.__dict__, "language": "zh-hans"})
    assert citations.citation_text(chinese).endswith(
        "https://x.test/en/achievements/7/. DOI:10.1002/(SICI)1097-4571<3::AID>."
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_projects_funders_are_no_authors_in_any_style_or_file(client, project, language):
    """A funder paid for the work, it did not do it: its page names it as a partner, no
    citation names it as an author."""
    funder = f.InstitutionFactory(name_zh_hans="国家自然科学基金委员会", name_en="NSFC")
    ProjectPartner.objects.create(project=project, institution=funder, role=PartnerRole.FUNDER)
    page = client.get(url("cooperation:project-detail", language, slug="marine-drugs")).text
    assert (funder.name_en if language == "en" else funder.name_zh_hans) in page

    text = citation_on(client, url("cooperation:project-detail", language, slug="marine-drugs"))
    assert "NSFC" not in text and "国家自然科学基金委员会" not in text
    ris = client.get(
        url("portal:citation", language, kind="project", key="marine-drugs", file_format="ris")
    ).content.decode()
    authors = [value for tag, value in ris_fields(ris) if tag == "AU"]
    assert len(authors) == 4  # the lead unit and the three other partners
    assert funder.name_en not in authors and funder.name_zh_hans not in authors
    bibtex = client.get(
        url("portal:citation", language, kind="project", key="marine-drugs", file_format="bib")
    ).content.decode()
    author = bibtex_entry(bibtex)[2]["author"]
    assert author.count(" and ") == 3
    assert "NSFC" not in author and "国家自然科学基金委员会" not in author


def test_one_or_two_authors_are_named_as_each_style_joins_them(db):
    one = citations.Citation(
        kind="award", record_key="a", language="en", authors=("A body",), title="T",
        start_year=2020, end_year=2020, updated=date(2025, 1, 2), url="https://x.test/a/",
        publisher="Site", genre="Award",
    )  # fmt: skip
    assert citations.citation_text(one).startswith("A body. (2020). T [Award]. Site. Retrieved")
    two = citations.Citation(**{**one.__dict__, "authors": ("A Inc.", "B")})
    assert citations.citation_text(two).startswith("A Inc., & B. (2020).")
    chinese = citations.Citation(**{**one.__dict__, "authors": ("甲", "乙"), "language": "zh-hans"})
    assert citations.citation_text(chinese).startswith("甲, 乙. T[EB/OL]. Site, 2020. (2025-01-02)")


# RIS and BibTeX --------------------------------------------------------------------------


def ris_fields(text: str) -> list[tuple[str, str]]:
    """An RIS record's tagged lines, checked for the format's shape."""
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    fields = []
    for line in lines:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, f"not an RIS line: {line!r}"
        fields.append((match[1], match[2]))
    assert fields[0] == ("TY", "ELEC") and fields[-1] == ("ER", "")
    return fields


def test_a_project_downloads_as_ris_named_after_its_slug(client, project):
    response = client.get(
        url("portal:citation", "en", kind="project", key="marine-drugs", file_format="ris")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="marine-drugs.ris"'
    assert response["X-Robots-Tag"] == "noindex"
    fields = ris_fields(response.content.decode("utf-8"))
    values = {}
    for tag, value in fields:
        values.setdefault(tag, []).append(value)
    # Every author, the lead unit first and the lead partner next, not only the first three.
    assert values["AU"] == [
        "College of Pharmacy",
        "Kyoto University",
        "Osaka University",
        "University of Tokyo",
    ]
    assert values["TI"] == ["Joint research on marine drugs"]
    assert values["PY"] == ["2021"]
    assert values["UR"] == [f"{HOST}/en/projects/marine-drugs/"]
    assert values["LA"] == ["en"]
    assert values["N1"] == ["Cooperation project, 2021–2024"]


def test_a_chinese_ris_file_holds_the_chinese_texts_in_utf_8(client, paper):
    response = client.get(
        url("portal:citation", "zh-hans", kind="achievement", key=str(paper.pk), file_format="ris")
    )
    assert response["Content-Disposition"] == f'attachment; filename="achievement-{paper.pk}.ris"'
    fields = dict(ris_fields(response.content.decode("utf-8")))
    assert fields["TI"] == "海洋链霉菌新化合物"
    assert fields["DO"] == "10.5555/md.2023.7"
    assert fields["LA"] == "zh-Hans"


def bibtex_entry(text: str) -> tuple[str, str, dict[str, str]]:
    """A BibTeX entry's type, key and fields, its braces checked to balance."""
    match = re.fullmatch(r"@(\w+)\{([^,\s]+),\n(.*)\n\}\n", text, re.DOTALL)
    assert match, text
    fields = {}
    for line in match[3].split(",\n"):
        name, value = re.fullmatch(r"  (\w+) = \{(.*)\}", line, re.DOTALL).groups()
        depth = 0
        for position, character in enumerate(value):
            if character in "{}" and (position == 0 or value[position - 1] != "\\"):
                depth += 1 if character == "{" else -1
                assert depth >= 0, line
        assert depth == 0, line
        fields[name] = value
    return match[1], match[2], fields


def test_an_award_downloads_as_bibtex_with_its_special_characters_escaped(client, award):
    response = client.get(
        url("portal:citation", "en", kind="award", key="advanced-base", file_format="bib")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="advanced-base.bib"'
    kind, key, fields = bibtex_entry(response.content.decode("utf-8"))
    assert (kind, key) == ("misc", "award:advanced-base")
    # A group author in double braces, "&" escaped for TeX.
    assert fields["author"] == "{Science \\& Technology Department of Sichuan Province}"
    assert fields["title"] == "{Advanced Base for International Cooperation}"
    assert fields["year"] == "2022"
    assert fields["url"] == f"{HOST}/en/awards/advanced-base/"
    assert fields["publisher"] == "International S\\&T Cooperation Base"
    assert fields["language"] == "english"


def test_an_articles_bibtex_lists_its_date_and_in_chinese_its_chinese_title(client, article):
    response = client.get(
        url("portal:citation", "zh-hans", kind="article", key="annual-meeting", file_format="bib")
    )
    _kind, key, fields = bibtex_entry(response.content.decode("utf-8"))
    assert key == "article:annual-meeting"
    assert fields["title"] == "{基地召开年度会议}"
    assert fields["date"] == "2025-06-01"
    assert fields["language"] == "chinese"


def test_bibtex_escapes_every_special_character_of_tex():
    assert citations.bibtex_escape(r"50% {a} #1 $2 a_b ~ ^ \ &") == (
        r"50\% \{a\} \#1 \$2 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{} \&"
    )
    assert citations.bibtex_escape("two\nlines") == "two lines"


# Sharing ---------------------------------------------------------------------------------


def test_the_page_shares_its_canonical_address_by_e_mail_weibo_and_qr_code(client, project):
    page = client.get(
        url("cooperation:project-detail", "en", slug="marine-drugs") + "?utm_source=x"
    )
    html = page.text
    address = f"{HOST}/en/projects/marine-drugs/"
    assert f'<link rel="canonical" href="{address}">' in html
    assert f'<input id="share-url" type="url" value="{address}" readonly>' in html
    assert '<label for="share-url">' in html
    encoded = "http%3A%2F%2Ftestserver%2Fen%2Fprojects%2Fmarine-drugs%2F"
    assert (
        f'href="mailto:?subject=Joint%20research%20on%20marine%20drugs&amp;body={encoded}"' in html
    )
    assert f"https://service.weibo.com/share/share.php?url={encoded}&amp;title=Joint" in html
    assert (
        '<img src="/en/qr/project/marine-drugs.svg" alt="QR code of the address of this page"'
        in (html)
    )
    # The copy buttons wait for the script (a static file: no inline script under the CSP).
    assert re.search(
        r'<button type="button" class="copy-button" data-copy="share-url"[^>]* hidden>', html
    )
    assert re.search(r'<script src="/static/js/copy-link[.\w]*js" defer></script>', html)
    assert "<script>" not in html


def test_the_qr_code_is_an_svg_of_the_pages_address_made_once(client, project, monkeypatch):
    made = []
    make = citations.segno.make
    monkeypatch.setattr(citations.segno, "make", lambda *a, **k: made.append(a) or make(*a, **k))
    path = url("portal:qr-code", "zh-hans", kind="project", key="marine-drugs")
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = ElementTree.fromstring(response.content)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox")  # scales to the <img> that shows it
    assert svg.find("{http://www.w3.org/2000/svg}path") is not None
    assert made == [(f"{HOST}/zh-hans/projects/marine-drugs/",)]
    # The same code as the address's own, in the image a phone scans.
    assert response.content.decode() == citations.qr_code_svg(made[0][0])

    client.get(path + "?again=1")
    assert len(made) == 1  # kept by address


@pytest.mark.parametrize("state", hidden_states(), ids=["draft", "review", "archived", "scheduled"])
def test_a_record_that_is_not_public_has_no_citation_nor_qr_code(client, db, state):
    records = {
        "project": f.CooperationProjectFactory(**state),
        "article": f.ArticleFactory(**state),
        "award": f.AwardFactory(**state),
        "achievement": f.AchievementFactory(**state),
    }
    for kind, record in records.items():
        key = str(record.pk) if kind == "achievement" else record.slug
        assert client.get(record.get_absolute_url()).status_code == 404
        for file_format in ["ris", "bib"]:
            path = url("portal:citation", "en", kind=kind, key=key, file_format=file_format)
            assert client.get(path).status_code == 404, path
        assert client.get(url("portal:qr-code", "en", kind=kind, key=key)).status_code == 404


def test_an_achievement_of_a_project_that_is_not_public_has_no_citation(client, db):
    achievement = f.AchievementFactory(project=f.CooperationProjectFactory(**hidden_states()[0]))
    path = url(
        "portal:citation", "en", kind="achievement", key=str(achievement.pk), file_format="ris"
    )
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/en/cite/project/marine-drugs.pdf",
        "/en/cite/exchange/1.ris",
        "/en/cite/achievement/not-a-number.ris",
        "/en/cite/achievement/99999999999999999999999.bib",
        "/en/qr/researcher/marine-drugs.svg",
        "/en/qr/project/nope.svg",
    ],
)
def test_a_bad_citation_address_is_a_404_not_a_500(client, project, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_renamed_records_citation_and_qr_code_follow_it_as_its_page_does(
    client, project, article, language
):
    """A page saved or printed before its record was renamed links the files and the code
    by its old slug: they are sent on, for good, with the page (cooperation.addresses)."""
    project.slug = "marine-drug-research"
    project.save()
    article.slug = "annual-meeting-2025"
    article.save()
    moves = [
        (
            "portal:citation",
            "project",
            "marine-drugs",
            "marine-drug-research",
            {"file_format": "ris"},
        ),
        (
            "portal:citation",
            "article",
            "annual-meeting",
            "annual-meeting-2025",
            {"file_format": "bib"},
        ),
        ("portal:qr-code", "project", "marine-drugs", "marine-drug-research", {}),
    ]
    for name, kind, old, new, more in moves:
        response = client.get(url(name, language, kind=kind, key=old, **more) + "?x=1")
        assert response.status_code == 301
        assert response["Location"] == url(name, language, kind=kind, key=new, **more) + "?x=1"
        assert client.get(response["Location"]).status_code == 200

    # Not a record that is not public now, nor a slug no record had.
    project.publication_status = PublicationStatus.ARCHIVED
    project.save()
    for key in ["marine-drugs", "marine-drug-research", "never-was"]:
        assert (
            client.get(url("portal:qr-code", language, kind="project", key=key)).status_code == 404
        )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_achievements_citation_and_qr_code_by_its_id_with_leading_zeros_move_to_its_id(
    client, paper, language, django_assert_num_queries
):
    """/cite/achievement/01.ris finds what /cite/achievement/1.ris does: one address, sent
    there for good with its query, before any query, as the achievement's page is."""
    key = str(paper.pk)
    for name, more in [
        ("portal:citation", {"file_format": "ris"}),
        ("portal:citation", {"file_format": "bib"}),
        ("portal:qr-code", {}),
    ]:
        one = url(name, language, kind="achievement", key=key, **more)
        for written in ["0" + key, "000" + key]:
            with django_assert_num_queries(0):
                response = client.get(
                    url(name, language, kind="achievement", key=written, **more) + "?x=1&y=2"
                )
            assert response.status_code == 301
            assert response["Location"] == one + "?x=1&y=2"
        assert client.get(one).status_code == 200
    # No id at all, and no record at the one address: still a 404, once there.
    zero = client.get(url("portal:qr-code", language, kind="achievement", key="00"))
    assert zero["Location"] == url("portal:qr-code", language, kind="achievement", key="0")
    assert client.get(zero["Location"]).status_code == 404
    # A slug is a slug: a project's keeps its zeros, and is not found.
    path = url("portal:qr-code", language, kind="project", key="0" + key)
    assert client.get(path).status_code == 404


def test_a_staff_preview_has_no_cite_and_share_block(client, publisher):
    draft = f.CooperationProjectFactory(**hidden_states()[0])
    client.force_login(publisher)
    response = client.get(url("cooperation:project-preview", "en", pk=draft.pk))
    assert response.status_code == 200
    assert "cite-share" not in response.text


# No query more ---------------------------------------------------------------------------


def loaded_records(project, article, award, paper) -> list:
    """Each record as its page's view loads it."""
    loaded = [
        ProjectDetailView().get_queryset().get(pk=project.pk),
        AwardDetailView().get_queryset().get(pk=award.pk),
        AchievementDetailView().get_queryset().get(pk=paper.pk),
    ]
    for record in loaded:  # what each page reads first (a project's partners)
        getattr(record, "partnerships", None)
    news = ArticleDetailView().get_queryset().get(pk=article.pk)
    load_page_relations(news)
    return [*loaded, news]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_block_reads_nothing_the_page_has_not_loaded(project, article, award, paper, language):
    request = RequestFactory().get("/")
    with translation.override(language):
        records = loaded_records(project, article, award, paper)
        for record in records:
            with CaptureQueriesContext(connection) as queries:
                block = cite_and_share({"request": request}, record)
            assert 'class="cite-share"' in block and 'class="citation"' in block
            assert len(queries) == 0, [query["sql"] for query in queries]


def test_the_kept_block_follows_a_change_to_its_record(project):
    """Kept under the content version, as a card is: a new title shows at once."""
    request = RequestFactory().get("/")
    record = ProjectDetailView().get_queryset().get(pk=project.pk)
    first = cite_and_share({"request": request}, record)
    assert escape(record.title) in first
    assert cite_and_share({"request": request}, record) == first

    project.title_en = project.title_zh_hans = "A retitled <project>"
    project.save()
    record = ProjectDetailView().get_queryset().get(pk=project.pk)
    with translation.override("en"):
        again = cite_and_share({"request": request}, record)
    assert "A retitled &lt;project&gt;" in again


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("cooperation:project-detail", lambda r: {"slug": r["project"].slug}),
        ("cooperation:award-detail", lambda r: {"slug": r["award"].slug}),
        ("cooperation:achievement-detail", lambda r: {"pk": r["paper"].pk}),
        ("news:article-detail", lambda r: {"slug": r["article"].slug}),
    ],
)
def test_each_detail_page_shows_the_block_within_its_query_ceiling(
    client, project, article, award, paper, name, arguments, django_assert_max_num_queries
):
    records = {"project": project, "article": article, "award": award, "paper": paper}
    with django_assert_max_num_queries(12):
        response = client.get(url(name, "en", **arguments(records)))
    assert response.status_code == 200
    assert '<section class="cite-share" aria-labelledby="cite-share-title">' in response.text


# A record read in a language it is not written in ----------------------------------------

# Each kind's record with its texts in one language alone, and its page's address.
ONE_LANGUAGE = {
    "project": (
        lambda blank: f.CooperationProjectFactory(slug="one-language", **blank("title", "summary")),
        "cooperation:project-detail",
        lambda record: {"slug": record.slug},
    ),
    "article": (
        lambda blank: f.ArticleFactory(slug="one-language", **blank("title", "summary", "body")),
        "news:article-detail",
        lambda record: {"slug": record.slug},
    ),
    "award": (
        lambda blank: f.AwardFactory(slug="one-language", **blank("title", "granting_body")),
        "cooperation:award-detail",
        lambda record: {"slug": record.slug},
    ),
    "achievement": (
        lambda blank: f.AchievementFactory(kind="patent", **blank("title", "description")),
        "cooperation:achievement-detail",
        lambda record: {"pk": record.pk},
    ),
}


def share_addresses(html: str) -> dict[str, str]:
    """Every address the page's head and its cite-and-share block give of the page."""
    unquoted = {
        name: unquote(unescape(re.search(pattern, html)[1]))
        for name, pattern in {
            "canonical": r'<link rel="canonical" href="([^"]+)">',
            "copy": r'<input id="share-url" type="url" value="([^"]+)" readonly>',
            "e-mail": r'href="mailto:\?subject=[^"&]*&amp;body=([^"]+)"',
            "weibo": r'href="https://service\.weibo\.com/share/share\.php\?url=([^"&]+)&amp;',
        }.items()
    }
    citation = re.search(r'<p class="citation" id="citation-text">(.*?)</p>', html)[1]
    unquoted["citation"] = re.search(r"(http://testserver/\S+?)\.?$", unescape(citation))[1]
    return unquoted


@pytest.mark.parametrize("kind", ONE_LANGUAGE)
@pytest.mark.parametrize(
    ("written", "read"), [("zh-hans", "en"), ("en", "zh-hans")], ids=["chinese", "english"]
)
def test_a_record_read_in_a_language_it_is_not_written_in_is_cited_and_shared_at_its_canonical_page(
    client, db, kind, written, read, monkeypatch, django_assert_num_queries
):
    """Its page in the other language is a duplicate, whose rel=canonical names its page in
    the language it is written in: the citation, the address to copy, the share links, the
    files and the QR code name that page too, not the address the reader is on."""
    other = "en" if written == "zh-hans" else "zh-hans"
    make, name, arguments = ONE_LANGUAGE[kind]
    record = make(lambda *fields: {f"{field}_{other.replace('-', '_')}": "" for field in fields})
    canonical = HOST + url(name, written, **arguments(record))
    read_at = url(name, read, **arguments(record))

    html = client.get(read_at).text
    assert share_addresses(html) == dict.fromkeys(
        ["canonical", "copy", "e-mail", "weibo", "citation"], canonical
    )
    # Its page in the language it is written in cites itself, as before.
    own = client.get(url(name, written, **arguments(record))).text
    assert set(share_addresses(own).values()) == {canonical}

    key = str(record.pk) if kind == "achievement" else record.slug
    ris = client.get(url("portal:citation", read, kind=kind, key=key, file_format="ris"))
    assert dict(ris_fields(ris.content.decode()))["UR"] == canonical
    bibtex = client.get(url("portal:citation", read, kind=kind, key=key, file_format="bib"))
    assert bibtex_entry(bibtex.content.decode())[2]["url"] == canonical

    made = []
    make_code = citations.segno.make
    monkeypatch.setattr(
        citations.segno, "make", lambda *a, **k: made.append(a[0]) or make_code(*a, **k)
    )
    [image] = re.findall(r'<figure class="qr-code">\s*<img src="([^"]+)"', html)
    with django_assert_num_queries(1):  # the languages it is written in, from the database
        assert client.get(image).status_code == 200
    assert made == [canonical]


def test_the_kept_block_of_a_record_in_one_language_follows_the_readers_language(client, db):
    """Its page in either language cites the same address, under which the block is kept:
    each language keeps its own block (its labels and its citation's style)."""
    f.CooperationProjectFactory(slug="chinese-only", title_en="", summary_en="")
    chinese = client.get(url("cooperation:project-detail", "zh-hans", slug="chinese-only")).text
    english = client.get(url("cooperation:project-detail", "en", slug="chinese-only")).text
    assert "引用与分享" in chinese and "[EB/OL]" in chinese
    assert "Cite and share" in english and "[EB/OL]" not in english


@pytest.mark.parametrize("kind", ONE_LANGUAGE)
@pytest.mark.parametrize(
    ("written", "read"), [("zh-hans", "en"), ("en", "zh-hans")], ids=["chinese", "english"]
)
def test_a_title_cited_in_a_language_it_is_not_written_in_is_marked_with_its_own(
    client, db, kind, written, read
):
    """A screen reader reads the title with the voice of its language, as on a card (WCAG
    3.1.2); the rest of the citation is in the page's language, and the text copied is the
    same with or without the mark."""
    other = "en" if written == "zh-hans" else "zh-hans"
    make, name, arguments = ONE_LANGUAGE[kind]
    record = make(lambda *fields: {f"{field}_{other.replace('-', '_')}": "" for field in fields})
    title = getattr(record, f"title_{written.replace('-', '_')}")

    cited = citation_on(client, url(name, read, **arguments(record)))
    assert f'<span lang="{written}">{escape(title)}</span>' in cited
    canonical = HOST + url(name, written, **arguments(record))
    with translation.override(read):
        plain = citations.citation_text(citations.citation_of(record, canonical))
    assert unescape(re.sub(r"</?span[^>]*>", "", cited)) == plain
    # In its own language, nothing to mark.
    assert "<span" not in citation_on(client, url(name, written, **arguments(record)))
