"""Chinese text in our catalogues is punctuated as Chinese is: full-width marks (，。：；？！
（）“”), not the ASCII ones an English msgid suggests ("保存成功." reads as a slip). ASCII
stays where it belongs: placeholders, URLs, markup, numbers (1.5, 2026-12-07), file names
(.xlsx) and English terms inside the Chinese."""

import re

import pytest

from tests.portal.test_translations import po_entries

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width marks and the Chinese quotation marks: an ASCII mark beside one is as wrong
# ("（.)" aside, see below) as beside a character.
CHINESE_MARKS = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”…—"
CHINESE = f"[{HAN}{CHINESE_MARKS}]"

# What is not prose: placeholders (%(name)s, %s, {name}, {}), URLs, markup.
NOT_PROSE = re.compile(
    r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}|https?://\S+|<code>.*?</code>|<[^>]+>|&\w+;", re.S
)

MISTAKES = {
    # 保存成功. / 成功,请 / 名称: X — an ASCII mark after Chinese, unless it starts an ASCII
    # token (the dot of .xlsx, of 1.5).
    "an ASCII mark after Chinese": re.compile(rf"{CHINESE} ?[,.:;?!](?![0-9A-Za-z])"),
    # 成功,请 / X.保存 — an ASCII mark before Chinese.
    "an ASCII mark before Chinese": re.compile(rf"[,.:;?!] ?[{HAN}“]"),
    # 项目 (6) / (牵头合作方)
    "ASCII brackets beside Chinese": re.compile(rf"{CHINESE} ?[()]|[()] ?{CHINESE}"),
    # "编辑" / '编辑'
    "straight quotes beside Chinese": re.compile(rf"[{HAN}] ?[\"']|[\"'] ?[{HAN}]"),
}
# A Chinese sentence ends in a Chinese mark even after a placeholder: "已保存 %(name)s." and
# "正在读取..." (Chinese writes ……) are slips too.
ASCII_ENDING = re.compile(r"[,.:;?!]$")

# msgids whose Chinese keeps an ASCII mark beside Chinese on purpose, each with why.
ALLOWED: dict[str, str] = {}


def mistakes_in(msgstr: str) -> list[str]:
    """What is wrongly punctuated in a translation (nothing for one without Chinese)."""
    if not re.search(f"[{HAN}]", msgstr):
        return []
    found = []
    prose = NOT_PROSE.sub("\x00", msgstr)
    for name, pattern in MISTAKES.items():
        found += [f"{name}: …{match.group()}…" for match in pattern.finditer(prose)]
    if ASCII_ENDING.search(msgstr.rstrip()):
        found.append(f"an ASCII mark ending a Chinese text: …{msgstr.rstrip()[-6:]}")
    return found


@pytest.mark.parametrize(
    "msgstr",
    [
        "保存成功.",
        "保存成功。请重试,或联系管理员。",
        "已保存 %(name)s.",
        "正在读取文件...",
        "用户名:",
        "名称: %(name)s",
        "项目 (6)",
        "大阪大学(日本)",
        '请勾选"工作人员状态"。',
        "是否删除?",
        "已完成!",
        "第一步;第二步。",
    ],
)
def test_ascii_punctuation_in_chinese_is_found(msgstr):
    assert mistakes_in(msgstr)


@pytest.mark.parametrize(
    "msgstr",
    [
        "保存成功。",
        "请上传 XLSX 文件或 CSV 文件（.xls 文件请先另存为 .xlsx）。",
        "数字，例如 1200000.50：只填数字和小数点。",
        "请输入论文的 DOI，例如 10.1038/s41586-020-2649-2。",
        "旧网址的路径：/info/1021/2023.htm 或 /news.asp?id=12。",
        "本站的路径，或其他网站的完整 https://example.org/a.b?c=d 网址。",
        "请用 <code>encoding='utf-8-sig'</code> 读取。",
        '<span lang="zh-hans">抗生素 药物</span>',
        "“%(record)s”已发布。",
        "%(label)s（%(language)s）",
        "已检查 {done} / {total} 行……",
        "Coopbase",
    ],
)
def test_ascii_where_it_belongs_is_left_alone(msgstr):
    assert mistakes_in(msgstr) == []


@pytest.mark.parametrize("catalogue", ["django.po", "djangojs.po"])
def test_the_catalogues_chinese_uses_chinese_punctuation(catalogue):
    found = {
        msgid.replace("\x04", " | "): mistakes
        for msgid, msgstr in po_entries(catalogue).items()
        if msgid not in ALLOWED and (mistakes := mistakes_in(msgstr))
    }
    assert found == {}
