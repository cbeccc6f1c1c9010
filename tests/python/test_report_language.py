"""The report in Dutch and English: complete message catalogues (extracted from the
sources with Babel), numbers, money and dates in the reader's locale, a Dutch body
without the report's English words, files per language, and JSON free of locale."""

from __future__ import annotations

import html as _html
import json
import re
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from impactchain import _i18n
from impactchain._i18n import Words, parse_languages, words
from impactchain.cli import main
from impactchain.report import build_report, write_report

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"
LOCALE = REPO / "python" / "impactchain" / "locale"


def _catalogue(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def _extracted() -> set[str]:
    """Every message key in the sources, extracted as docs/report.md says (babel.cfg, keywords N_ and w)."""
    cfg = (LOCALE / "babel.cfg").read_text(encoding="utf-8")
    # the test extracts what the documented command does: the configuration's sections, in its order
    method_map = [(path, method) for method, path in re.findall(r"^\[(\w+): ([^\]]+)\]", cfg, re.M)]
    assert ("python/impactchain/_soft_join.py", "python") in method_map and len(method_map) > 10
    found = extract_from_dir(str(REPO), method_map, keywords={"N_": None, "w": None})
    return {msg for _f, _l, msg, _c, _ctx in found if isinstance(msg, str) and msg}


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


# --------------------------------------------------------------------------- catalogues


def test_template_holds_exactly_the_keys_of_the_sources():
    pot = {m.id for m in _catalogue(LOCALE / "impactchain.pot") if m.id}
    assert pot == _extracted(), "run the extraction in docs/report.md (Languages) and update the catalogues"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_catalogue_has_every_message_none_empty_or_fuzzy(lang):
    pot = {m.id for m in _catalogue(LOCALE / "impactchain.pot") if m.id}
    cat = _catalogue(LOCALE / lang / "LC_MESSAGES" / "impactchain.po")
    ids = {m.id for m in cat if m.id}
    assert pot - ids == set(), f"{lang}: messages missing"
    assert ids - pot == set(), f"{lang}: messages no longer in the sources"
    assert [m.id for m in cat if m.id and not m.string.strip()] == [], f"{lang}: empty messages"
    assert [m.id for m in cat if m.id and m.fuzzy] == [], f"{lang}: fuzzy messages"


def test_both_languages_fill_the_same_fields():
    en = {m.id: m.string for m in _catalogue(LOCALE / "en" / "LC_MESSAGES" / "impactchain.po") if m.id}
    nl = {m.id: m.string for m in _catalogue(LOCALE / "nl" / "LC_MESSAGES" / "impactchain.po") if m.id}
    assert {k: _fields(v) for k, v in en.items()} == {k: _fields(nl[k]) for k in en}


def test_counted_messages_have_a_wording_for_one_and_no_bracketed_plurals():
    # "1 row(s)" / "1 rij(en)" read as unfinished; a message that counts has a wording for one.
    from impactchain._i18n import SINGULARS

    en = {m.id: m.string for m in _catalogue(LOCALE / "en" / "LC_MESSAGES" / "impactchain.po") if m.id}
    nl = {m.id: m.string for m in _catalogue(LOCALE / "nl" / "LC_MESSAGES" / "impactchain.po") if m.id}
    assert [k for k, v in en.items() if "(s)" in v] == [] and [k for k, v in nl.items() if "(en)" in v] == []
    for key, one in SINGULARS.items():
        assert one == f"{key}.one" and _fields(en[one]) == _fields(en[key]) and _fields(nl[one]) == _fields(nl[key])
    nl_words, en_words = words("nl"), words("en")
    assert nl_words("rows_not_used_ids", n=1, ids="R-11 (geen nameting)") == (
        "1 respondent niet gebruikt: R-11 (geen nameting)"
    )
    assert nl_words("rows_not_used_ids", n=2, ids="R-11, R-12 (geen nameting)") == (
        "2 respondenten niet gebruikt: R-11, R-12 (geen nameting)"
    )
    assert en_words("read_sav_cases", file="e.sav", cases=1) == "e.sav: SPSS file with 1 case; rows are case numbers"
    assert en_words("read_sav_cases", file="e.sav", cases=0) == "e.sav: SPSS file with 0 cases; rows are case numbers"
    assert en_words("rows_not_used_count", n=True) != en_words("rows_not_used_count.one", n=True)  # a bool is no count


def test_a_missing_message_is_an_error_not_a_key_shown():
    with pytest.raises(KeyError, match="'no_such_key' is missing from the nl catalogue"):
        words("nl")("no_such_key")
    assert not words("en").has("no_such_key") and words("en").has("summary")


def test_compiled_catalogue_is_used_and_says_the_same(tmp_path, monkeypatch):
    """A wheel carries .mo files (compiled at build time); a source checkout reads the .po."""
    for lang in ("en", "nl"):
        d = tmp_path / "locale" / lang / "LC_MESSAGES"
        d.mkdir(parents=True)
        with (d / "impactchain.mo").open("wb") as f:
            write_mo(f, _catalogue(LOCALE / lang / "LC_MESSAGES" / "impactchain.po"))
    monkeypatch.setattr(_i18n, "_package_dirs", lambda: [tmp_path])
    _i18n._translations.cache_clear()
    try:
        assert _i18n.catalogue_path("nl", ".mo") == tmp_path / "locale" / "nl" / "LC_MESSAGES" / "impactchain.mo"
        compiled = Words("nl")
        assert compiled("summary") == "Samenvatting"
    finally:
        _i18n._translations.cache_clear()
    assert Words("nl")("summary") == "Samenvatting"  # from the .po again


def test_an_installed_mo_beside_its_po_is_used_whatever_their_install_order(tmp_path, monkeypatch):
    """An installed package holds the .mo beside the .po it was compiled from; installing may
    write the .po a moment later. Only a .po newer than a .mo in another directory (a source
    checkout edited since its build) is read instead of the .mo."""
    import os

    installed, source = tmp_path / "site", tmp_path / "src"
    for root in (installed, source):
        (root / "locale" / "nl" / "LC_MESSAGES").mkdir(parents=True)
    mo = installed / "locale" / "nl" / "LC_MESSAGES" / "impactchain.mo"
    with mo.open("wb") as f:
        write_mo(f, _catalogue(LOCALE / "nl" / "LC_MESSAGES" / "impactchain.po"))
    for root in (installed, source):
        po = root / "locale" / "nl" / "LC_MESSAGES" / "impactchain.po"
        shutil.copy(LOCALE / "nl" / "LC_MESSAGES" / "impactchain.po", po)
        os.utime(po, (mo.stat().st_mtime + 1, mo.stat().st_mtime + 1))  # written after the .mo
    read_po_files: list[str] = []
    monkeypatch.setattr(_i18n, "_from_po", lambda po: read_po_files.append(str(po)) or _i18n.gettext.NullTranslations())
    try:
        monkeypatch.setattr(_i18n, "_package_dirs", lambda: [installed])
        _i18n._translations.cache_clear()
        assert Words("nl")("summary") == "Samenvatting" and read_po_files == []  # the .mo beside it
        monkeypatch.setattr(_i18n, "_package_dirs", lambda: [source, installed])  # .po first, newer, elsewhere
        _i18n._translations.cache_clear()
        Words("nl")
        assert read_po_files == [str(source / "locale" / "nl" / "LC_MESSAGES" / "impactchain.po")]
    finally:
        _i18n._translations.cache_clear()


def test_languages_are_checked():
    assert parse_languages("nl,en") == ("nl", "en") and parse_languages(None) == ("en",)
    with pytest.raises(ValueError, match=r"lang: expected one of en, nl .*got 'fr'"):
        parse_languages("fr")
    with pytest.raises(ValueError, match="lang: expected one of en, nl"):
        build_report([DATA / "minimal.yaml"], draws=100, lang="de")
    with pytest.raises(ValueError, match="build_report: lang must be one language"):
        build_report([DATA / "minimal.yaml"], draws=100, lang="nl,en")


# --------------------------------------------------------------------------- locale formats


def test_numbers_money_and_dates_in_the_readers_locale():
    # CLDR (through Babel): nl-NL writes "€ 47.205" (a no-break space after the sign), "1,05",
    # "2 december 2026"; en-GB "€47,205", "1.05".
    nl, en = words("nl"), words("en")
    assert nl.money(47205.4, "EUR") == "€\u00a047.205" and en.money(47205.4, "EUR") == "€47,205"
    assert nl.num(1.0545) == "1,05" and en.num(1.0545) == "1.05"
    assert nl.date("2026-12-02") == "2 december 2026" and en.date("2026-12-02") == "2 December 2026"
    assert nl.integer(5000) == "5.000" and en.integer(5000) == "5,000"
    assert nl.pct(0.9974) == "meer dan 99%" and en.pct(0.003) == "under 1%"
    assert nl.interval(1.07, 1.75) == "1,07 – 1,75"
    # "in 19 of 20 simulations" at a 95 % level, "9 of 10" at 90 %
    assert nl.odds(0.95) == (19, 20) and nl.odds(0.9) == (9, 10)


def test_figures_are_rounded_as_a_spreadsheet_shows_them():
    # A workbook cell holds the number and Excel shows it to 15 significant digits, a half away
    # from zero; the report's text rounds so too, so the two never differ in the last digit.
    nl = words("nl")
    assert nl.num(18.749999999999996, 1) == "18,8"  # 18.75 to 15 digits: Excel shows 18,8
    assert nl.num(20.465) == "20,47"  # the double is 20.46499…, written 20.465
    assert nl.num(-2.5, 0) == "-3" and nl.num(0.125) == "0,13"
    assert nl.money(2500.5, "EUR") == "€\u00a02.501" and nl.money(-2500.5, "EUR") == "€\u00a0-2.501"
    assert nl.pct(0.125) == "13%" and nl.pct(0.005) == "1%"
    assert nl.plain(0.1235) == "0,124" and nl.plain(12.35) == "12,4"  # three significant digits
    assert nl.num(1.0545) == "1,05"  # not a half: as before
    # A value that rounds to zero is shown without a sign, as a spreadsheet shows it.
    assert nl.money(-0.4, "EUR") == "€\u00a00" and nl.num(-0.004) == "0,00" and nl.plain(-0.0001) == "0"
    assert nl.money(-0.6, "EUR") == "€\u00a0-1" and nl.num(-0.0) == "0,00"


def test_counts_in_the_reports_sentences_have_thousands_separators():
    from impactchain._report_text import Count, Said

    nl, en = words("nl"), words("en")
    assert Said("default_draws", draws=Count(5000)).in_language(nl).startswith("5.000 simulaties")
    assert Said("default_draws", draws=Count(5000)).in_language(en).startswith("5,000 ")
    # A count written so still has its wording for one.
    assert Said("rows_not_used_count", n=Count(1)).in_language(nl).startswith("1 respondent niet gebruikt")


def test_a_count_of_one_in_a_report_paragraph_has_its_singular():
    import numpy as np

    from impactchain._report_blocks import Paragraph, ReportDocument, ReportSection
    from impactchain._report_render import render

    one = Paragraph(key="rows_not_used_count", values=(("n", np.int64(1)),))  # a count read from a table
    section = ReportSection("s", "S", (one,))
    doc = ReportDocument("t", "6 december 2026", "0", "100", 1, 1, False, (section,), lang="nl")
    md = render(doc, "md")
    assert "1 respondent niet gebruikt" in md and "respondenten" not in md


def test_chart_code_gets_words_by_key():
    assert _i18n.t("chart_ratio_axis", "nl") == "Maatschappelijke waarde per geïnvesteerde euro (SROI-ratio)"
    assert _i18n.t("over_pct", "en", pct="99%") == "over 99%"


# --------------------------------------------------------------------------- the Dutch report

#: Terms of art the Dutch report keeps (glossary-nl.md) and names of methods and sources.
TERMS = {
    "sroi",
    "wellby",
    "deadweight",
    "drop",
    "off",
    "icer",
    "proxy",
    "bootstrap",
    "bca",
    "monte",
    "carlo",
    "input",
    "output",
    "outcome",
    "outcomes",
    "impact",
    "impactchain",
    "html",
    "cohen",
    "hedges",
    "treasury",
    "social",
    "return",
    "value",
    "international",
    "guide",
    "swemwbs",
    "eur",  # a currency code (ISO 4217), the same in every language
    "gbp",
    "usd",
}


def _english_words() -> set[str]:
    """Words of the English catalogue that the Dutch catalogue does not use (nor Dutch practice)."""

    def tokens(lang: str) -> set[str]:
        cat = _catalogue(LOCALE / lang / "LC_MESSAGES" / "impactchain.po")
        text = " ".join(re.sub(r"\{[a-z_]+\}", " ", m.string) for m in cat if m.id)
        return {t.lower() for t in re.findall(r"[A-Za-z]{3,}", text)}

    return tokens("en") - tokens("nl") - TERMS


def _dutch_model(tmp_path: Path) -> Path:
    """minimal.yaml with its user text in Dutch: what remains English would be the report's own."""
    shutil.copytree(DATA / "surveys", tmp_path / "surveys")
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    for en, nl in (
        ("Market cleaning (minimal)", "Marktschoonmaak (klein)"),
        ("welfare benefit rates, illustrative", "bijstandsnormen, illustratief"),
    ):
        assert en in text
        text = text.replace(en, nl)
    p = tmp_path / "markt.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def dutch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nl")
    rep = build_report([_dutch_model(tmp)], draws=300, seed=5, lang="nl")
    return rep, rep.to_html(), rep.to_markdown()


def _visible_dutch(html: str) -> str:
    """The page's text without charts (their labels are the charts' own), styles, tags and the
    results' messages the core writes in English (marked lang="en")."""
    html = re.sub(r"<style[^>]*>.*?</style>|<svg.*?</svg>|<span lang=\"en\">.*?</span>", " ", html, flags=re.S)
    return _html.unescape(re.sub(r"<[^>]+>", " ", html))


def _user_text(rep) -> list[str]:
    m = rep.sections[0].model
    names = [n.id for n in m.chain.nodes] + [n.name for n in m.chain.nodes if n.name]
    names += [o["id"] for o in m.outcomes] + [st.id for st in m.stakeholders]
    names += [str(f.get("funder")) for f in m.investments]
    names += [so["id"] for so in m.soft_outcomes] + [rep.sections[0].source, "dz"]
    names += [so["data"] for so in m.soft_outcomes] + [Path(so["data"]).name for so in m.soft_outcomes]
    return sorted(set(names), key=len, reverse=True)


def _without(text: str, strings: list[str]) -> str:
    for s in strings:
        text = text.replace(s, " ").replace(s.replace("_", "\\_"), " ")
    return text


def test_dutch_body_has_no_english_word_of_the_reports_own_text(dutch):
    rep, html, md = dutch
    english = _english_words()
    assert {"the", "value", "which", "simulations"} & english  # the check can fail
    page = _without(_visible_dutch(html), _user_text(rep))
    found = {t for t in re.findall(r"[A-Za-z]{3,}", page) if t.lower() in english}
    assert found == set(), found
    # An outcome without a stakeholder (minimal.yaml) is grouped under Dutch words, not the core's "(none)".
    assert "(none)" not in page and "(geen belanghebbende opgegeven)" in page
    # Markdown: the lines marked as the core's English messages are left out of the check.
    body = "\n".join(line for line in md.splitlines() if "(in het Engels)" not in line)
    found = {t for t in re.findall(r"[A-Za-z]{3,}", _without(body, _user_text(rep))) if t.lower() in english}
    assert found == set(), found


def test_dutch_numbers_are_in_dutch_format(dutch):
    rep, html, md = dutch
    v = rep.sections[0].value
    # minimal.yaml: 150,000 invested; the present value and ratio as the valuation gives them.
    money = "€\u00a0150.000"
    ratio = f"{v['sroi_ratio']:.2f}".replace(".", ",")
    for text in (html, md):
        assert money in text and ratio in text
        assert "2.000" in text  # bootstrap resamples, thousands with a point
        body = _without(
            _visible_dutch(text) if text is html else text, _user_text(rep) + [rep.settings["impactchain_version"]]
        )
        body = "\n".join(line for line in body.splitlines() if "(in het Engels)" not in line)
        english_decimal = r"(?<![\d.])\d+\.\d{1,2}(?![\d.])"  # 0.73, 1.05: a decimal point, not a comma
        assert not re.search(english_decimal, body), re.findall(english_decimal, body)
    assert '<html lang="nl">' in html
    assert words("nl").date(rep.settings["generated"]) in html  # "2 december 2026", the month in Dutch


def test_glossary_separates_the_two_meanings_of_sroi(dutch):
    _rep, html, md = dutch
    for text in (html, md):
        assert "SROI-ratio (maatschappelijk rendement op de investering)" in text
        assert "'Social Return' (SROI) bij aanbestedingen" in _html.unescape(text)
    en = build_report([DATA / "minimal.yaml"], draws=100, seed=1).to_markdown()
    assert "'Social Return' (SROI) in procurement" in en and "contract obligation, not a measure of social value" in en
    # The interval is explained with the report's own (95 %: 19 of 20), not another example.
    assert "most simulations: in this report in 19 of 20 (a 95% interval)" in en
    assert "in dit rapport in 19 van de 20 (een 95%-interval)" in md


# --------------------------------------------------------------------------- files and JSON


def test_the_same_report_in_another_language_is_the_one_built_in_it():
    direct = build_report([DATA / "minimal.yaml"], draws=200, seed=4, lang="en")
    via_nl = build_report([DATA / "minimal.yaml"], draws=200, seed=4, lang="nl").in_language("en")
    assert via_nl.to_markdown() == direct.to_markdown()

    # Charts redrawn with English labels; each chart's SVG ids carry a running number (unique per page).
    def same_ids(page: str) -> str:
        return re.sub(r"\bic\d+-", "ic-", page)

    assert same_ids(via_nl.to_html()) == same_ids(direct.to_html())


def test_each_language_is_drawn_once_whatever_the_formats(tmp_path, monkeypatch):
    from impactchain._report_formats import Report

    asked: list[str] = []
    real = Report.in_language

    def counted(self, lang):
        asked.append(lang)
        return real(self, lang)

    monkeypatch.setattr(Report, "in_language", counted)
    write_report([DATA / "minimal.yaml"], f"{tmp_path}/", draws=100, seed=3, lang="nl,en", formats="html,md,json")
    assert sorted(asked) == ["en", "nl"]  # not once per file: six files, two languages


def test_report_in_two_languages_writes_a_file_per_language(tmp_path):
    out = tmp_path / "out"
    paths = write_report([DATA / "minimal.yaml"], f"{out}/", draws=200, seed=3, lang="nl,en")
    assert [p.name for p in paths] == [
        "report.nl.html",
        "report.nl.md",
        "report.nl.json",
        "report.en.html",
        "report.en.md",
        "report.en.json",
    ]
    nl_html = (out / "report.nl.html").read_text(encoding="utf-8")
    en_html = (out / "report.en.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in nl_html and "Samenvatting" in nl_html
    assert '<html lang="en">' in en_html and ">Summary<" in en_html
    # JSON stays locale-free: the same numbers and text in both, only the language named differs.
    nl_json = json.loads((out / "report.nl.json").read_text(encoding="utf-8"))
    en_json = json.loads((out / "report.en.json").read_text(encoding="utf-8"))
    assert (nl_json.pop("language"), en_json.pop("language")) == ("nl", "en")
    assert nl_json == en_json


def test_one_language_keeps_the_plain_file_names(tmp_path):
    paths = write_report([DATA / "minimal.yaml"], tmp_path / "one.md", draws=200, seed=3, lang="nl")
    assert [p.name for p in paths] == ["one.md"]
    assert "## Samenvatting" in paths[0].read_text(encoding="utf-8")


def test_cli_lang_on_report_and_demo(tmp_path, capsys):
    assert (
        main(
            [
                "report",
                str(DATA / "minimal.yaml"),
                "-o",
                str(tmp_path / "r.html"),
                "--draws",
                "100",
                "--lang",
                "nl",
                "--quiet",
            ]
        )
        == 0
    )
    assert '<html lang="nl">' in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert (
        main(
            [
                "demo",
                "-o",
                f"{tmp_path / 'demo'}/",
                "--format",
                "md,json",
                "--draws",
                "100",
                "--lang",
                "nl,en",
                "--quiet",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == [
        "portfolio",  # the demo portfolio's report and tables (docs/portfolio.md)
        "report.en.json",
        "report.en.md",
        "report.nl.json",
        "report.nl.md",
    ]
    assert (tmp_path / "demo" / "portfolio" / "report.nl.md").is_file()
    nl = (tmp_path / "demo" / "report.nl.md").read_text(encoding="utf-8")
    assert nl.startswith("# Maatschappelijke waarde van vijf wijkcoöperaties (illustratieve demo)")
    capsys.readouterr()
    assert main(["report", str(DATA / "minimal.yaml"), "--lang", "fr"]) == 2
    assert "lang: expected one of en, nl" in capsys.readouterr().err


def test_threads_zero_reads_as_every_core_not_as_none():
    # threads=0 asks for every core; a bare "0" in the settings would read as "no cores".
    rep = build_report([DATA / "minimal.yaml"], draws=100, seed=1, threads=0)
    assert "| Threads (results do not depend on it) | 0 (all cores) |" in rep.to_markdown()
    nl = rep.in_language("nl").to_markdown()
    assert "| Rekenkernen (de uitkomsten hangen er niet van af) | 0 (alle kernen) |" in nl
    one = build_report([DATA / "minimal.yaml"], draws=100, seed=1, threads=1).to_markdown()
    assert "| Threads (results do not depend on it) | 1 |" in one


def test_a_built_in_scales_score_is_named_with_its_range():
    # minimal.yaml's soft outcome has scale: swemwbs and no indicator: its unit is the scale's
    # short name and its score range (docs/soft.md: Short WEMWBS, raw 7-35).
    nl = build_report([DATA / "minimal.yaml"], draws=100, seed=1, lang="nl").to_markdown()
    en = build_report([DATA / "minimal.yaml"], draws=100, seed=1).to_markdown()
    assert "punten op de schaal 'Short WEMWBS' (7–35)" in nl and "swemwbs-score" not in nl
    assert "Short WEMWBS points (7–35)" in en and "swemwbs score" not in en
