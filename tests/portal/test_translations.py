"""The Chinese catalogue ships compiled, complete and in step with its source."""

import ast
import gettext
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import override

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def unescape(text: str) -> str:
    r"""A PO string's text, as gettext compiles it: \" is a quote, \n a new line."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def po_entries(name: str = "django.po") -> dict[str, str]:
    """msgid -> msgstr (first form) from a catalogue (django.po unless named), multi-line
    strings joined; a msgid with a context keyed as gettext compiles it, "context\x04msgid"."""
    text = (LOCALE / name).read_text(encoding="utf-8")
    entries = {}
    for block in text.split("\n\n"):
        if "#, fuzzy" in block:
            entries[f"FUZZY:{block[:60]}"] = ""
        context = re.search(r'^msgctxt ((?:".*"\n?)+)', block, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            join = lambda s: unescape("".join(re.findall(r'"(.*)"', s)))  # noqa: E731
            if join(msgid.group(1)):
                key = join(msgid.group(1))
                if context:
                    key = f"{join(context.group(1))}\x04{key}"
                entries[key] = join(msgstr.group(1))
    return entries


def test_every_interface_string_has_a_chinese_translation():
    entries = po_entries()
    assert len(entries) > 100
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []


def test_the_compiled_catalogue_matches_its_source():
    with (LOCALE / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)._catalog
    compiled = {
        (key[0] if isinstance(key, tuple) else key).split("\x00")[0] for key in catalogue if key
    }
    assert set(po_entries()) == compiled


# gettext and its kin, as this code imports them (``_`` is gettext_lazy or gettext).
TRANSLATION_CALLS = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
SOURCE = Path(__file__).resolve().parents[2]
APPS = ["accounts", "api", "config", "cooperation", "dashboard", "news", "portal"]


def test_no_interface_string_is_hidden_from_makemessages_in_an_f_string():
    """makemessages (xgettext) reads no call inside an f-string: the breadcrumb trail's
    landmark, named by ``f'…{gettext("Breadcrumb")}…'``, never reached the catalogue, and
    every Chinese page named it in English. A string to translate is taken out first."""
    hidden = []
    for path in sorted(p for app in APPS for p in (SOURCE / app).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                name = getattr(getattr(call, "func", None), "id", None) or getattr(
                    getattr(call, "func", None), "attr", None
                )
                if isinstance(call, ast.Call) and name in TRANSLATION_CALLS:
                    hidden.append(f"{path.relative_to(SOURCE)}:{call.lineno} {name}()")
    assert hidden == []


@pytest.mark.django_db
def test_pages_speak_chinese_under_zh_hans_and_english_under_en(client):
    with override("zh-hans"):
        chinese = client.get(reverse("cooperation:project-list")).text
    with override("en"):
        english = client.get(reverse("cooperation:project-list")).text
    assert "跳到正文" in chinese
    assert "<h1>合作项目</h1>" in chinese
    assert "Skip to content" in english
    assert "<h1>Cooperation projects</h1>" in english


@pytest.mark.django_db
def test_a_label_and_its_value_are_joined_as_each_language_writes_it(client):
    """A full-width colon in Chinese ("获奖对象：药学院"), a colon and a space in English."""
    from tests import factories as f

    f.AwardFactory(recipient_unit=f.UnitFactory(name_zh_hans="药学院", name_en="Pharmacy"))
    with override("zh-hans"):
        chinese = client.get(reverse("cooperation:award-list")).text
    with override("en"):
        english = client.get(reverse("cooperation:award-list")).text

    assert re.search(r"获奖对象：\s*<a[^>]*>药学院</a>", chinese)
    assert ": " not in re.sub(r"<[^>]+>", "", chinese.split("<main", 1)[1].split("</main>")[0])
    assert re.search(r"Recipient: \s*<a[^>]*>Pharmacy</a>", english)


def test_the_browsers_catalogue_names_only_strings_its_libraries_still_have():
    """djangojs.po is kept by hand for libraries' scripts (its header says which): each
    string must still be in the script it names, compiled, and translated; a library's
    upgrade that rewords one shows here."""
    import django_prose_editor
    from django.contrib import admin

    roots = {
        "django/": Path(admin.__file__).resolve().parents[2],
        "django_prose_editor/": Path(django_prose_editor.__file__).resolve().parent,
    }
    text = (LOCALE / "djangojs.po").read_text(encoding="utf-8")
    with (LOCALE / "djangojs.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    blocks = [block for block in text.split("\n\n") if "\nmsgid" in f"\n{block}"][1:]
    assert len(blocks) > 50
    for block in blocks:
        join = lambda s: "".join(re.findall(r'"(.*)"', s))  # noqa: E731
        msgid = join(re.search(r'^msgid ((?:".*"\n?)+)', block, re.M).group(1))
        [where] = re.findall(r"^#: (\S+)", block, re.M)
        prefix = next(prefix for prefix in roots if where.startswith(prefix))
        script = (roots[prefix] / where.removeprefix(prefix)).read_text(encoding="utf-8")
        script = re.sub(r'"\s*\+\s*"', "", script)  # a string written over several lines
        # The editor writes its headings' names as `Heading ${level}`.
        assert msgid in script or re.sub(r"\d$", "${", msgid) in script, msgid
        assert compiled.gettext(msgid) != msgid, msgid


@pytest.mark.django_db
def test_the_admins_script_catalogue_has_ours_in_chinese(admin_client):
    """Django 6.1's time-zone note of the admin's time fields has no Chinese in Django's own
    catalogue, nor has the rich-text editor's any: the admin's catalogue merges ours."""
    catalogue = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans").text
    # The catalogue writes its strings as JSON does, non-ASCII escaped.
    assert json.dumps("请按 %(timezone)s 时区输入时间")[1:-1] in catalogue
    assert json.dumps("插入表格")[1:-1] in catalogue
