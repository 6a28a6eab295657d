"""The language setting and the message catalogs: complete, in step with the source, drawable.

A failure of `test_catalog_is_complete` lists every message without a translation; `make catalogs` (then
translating the empty msgstr entries in nnlesson/locale/zh_CN/LC_MESSAGES/nnlesson.po) fixes it.
"""

from __future__ import annotations

import gettext
import io
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlesson as nl
from nnlesson import _i18n

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import catalogs  # noqa: E402


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    nl.set_language("en")


def test_english_is_the_default_and_aliases_are_understood():
    assert nl.get_language() == "en"
    for alias in ("zh", "zh_CN", "zh-CN", "zh-Hans", "中文", " ZH "):
        assert nl.set_language(alias) == "zh" and nl.get_language() == "zh"
    assert nl.set_language("en") == "en"


@pytest.mark.parametrize("bad, error, words", [
    ("fr", ValueError, ["'fr'", "'en'", "'zh'"]),
    ("", ValueError, ["'en'"]),
    (None, TypeError, ["language", "NoneType"]),
    (["zh"], TypeError, ["language", "list"]),
])
def test_bad_language_is_refused_and_nothing_changes(bad, error, words):
    nl.set_language("zh")
    with pytest.raises(error) as info:
        nl.set_language(bad)
    assert all(w in str(info.value) for w in words), str(info.value)
    assert nl.get_language() == "zh"


def test_a_message_without_translation_stays_english():
    nl.set_language("zh")
    assert _i18n._("a sentence no catalog has") == "a sentence no catalog has"
    assert _i18n._f("{n} apples nobody translated", n=3) == "3 apples nobody translated"


def test_translated_messages_switch_with_the_language():
    msg = "{name} has the right size but the sign is flipped."
    assert _i18n._f(msg, name="w") == "w has the right size but the sign is flipped."
    nl.set_language("zh")
    zh = _i18n._f(msg, name="w")
    assert zh != msg.format(name="w") and zh.startswith("w") and any("\u4e00" <= c <= "\u9fff" for c in zh)


def test_feedback_and_divergence_warning_in_chinese():
    from nnlesson import exercises

    nl.set_language("zh")
    fb = exercises.compare("x", -2.0, 2.0)
    assert not fb.ok and "符号" in fb.message
    X, y = nl.datasets.xor()
    with nl.capture_warnings() as caught:
        h = nl.train(nl.MLP([2, 3, 1], output="identity", seed=0), X, y.reshape(-1, 1), lr=50, epochs=30)
    assert h.diverged and "发散" in caught.messages[0] and "lr=50" in caught.messages[0]


def test_catalog_is_complete():
    gaps = catalogs.missing("zh_CN")
    assert not gaps, f"{len(gaps)} messages lack a Chinese translation (make catalogs, then fill msgstr):\n" + \
        "\n".join(f"  {', '.join(files)}: {msgid!r}" for msgid, files in gaps)


def test_catalog_files_in_step_with_the_source():
    bad = catalogs.problems("zh_CN")
    assert not bad, "\n".join(bad)


def test_compiled_catalog_gives_every_translation():
    entries = catalogs.read_po(catalogs.po_path("zh_CN"))
    with open(catalogs.mo_path("zh_CN"), "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    wrong = [m for m, s, flags, _ in entries if m and s and "fuzzy" not in flags and mo.gettext(m) != s]
    assert not wrong, wrong[:5]
    assert mo.info()["content-type"] == "text/plain; charset=UTF-8"


def test_every_translation_keeps_the_fields_and_formats():
    entries = catalogs.read_po(catalogs.po_path("zh_CN"))
    for msgid, msgstr, flags, _comments in entries:
        if not (msgid and msgstr and "python-brace-format" in flags):
            continue
        values = {name: 1.5 for name in catalogs.fields(msgid) if name}
        try:
            msgid.format(**values)
        except (ValueError, TypeError, KeyError, IndexError):
            continue  # not filled by str.format (_("$w_{t+1}$")), or a field with a non-float format ({n:d})
        msgstr.format(**values)  # no field the message does not fill, no broken brace


def test_extraction_refuses_f_strings(tmp_path):
    pkg = tmp_path / "nnlesson"
    pkg.mkdir()
    (pkg / "m.py").write_text('from ._i18n import _, _f\nx = 3\nA = _("fixed")\nB = _(f"x is {x}")\n'
                              'C = _f("x is {x}", x=x)\nD = _(A)\n', encoding="utf-8")
    with pytest.raises(catalogs.CatalogError, match=r"m.py:4: _\(\) needs a string literal"):
        catalogs.extract(pkg)
    (pkg / "m.py").write_text('from ._i18n import _, _f\nA = _("fixed")\nC = _f("x is {x}", x=3)\nD = _(A)\n',
                              encoding="utf-8")
    assert catalogs.extract(pkg) == {"fixed": ["nnlesson/m.py"], "x is {x}": ["nnlesson/m.py"]}


_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from('\n\t"\\{}'), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_TEXT.filter(bool), _TEXT), max_size=6, unique_by=lambda t: t[0]))
def test_po_files_read_back_what_was_written(tmp_path_factory, pairs):
    path = tmp_path_factory.mktemp("po") / "x.po"
    entries = [(m, s, set(), []) for m, s in pairs]
    catalogs.write_po(path, entries)
    assert [(m, s) for m, s, _f, _c in catalogs.read_po(path) if m] == [(m, s) for m, s, _f, _c in entries]
    mo = gettext.GNUTranslations(io.BytesIO(catalogs.mo_bytes(entries)))
    assert all(mo.gettext(m) == (s or m) for m, s, _f, _c in entries)


# ---------------------------------------------------------------- fonts

def _figure_messages():
    """Every translated message that plots draw into figures."""
    out = []
    for msgid, msgstr, _flags, comments in catalogs.read_po(catalogs.po_path("zh_CN")):
        if msgid and msgstr and any("nnlesson/plots/" in c or "nnlesson/widgets/" in c for c in comments):
            out.append(msgstr)
    return out


def test_chinese_figure_text_has_every_glyph(caplog):
    pytest.importorskip("matplotlib")
    from nnlesson.plots import _look

    nl.set_language("zh")
    if _look.language_font("zh") is None:
        pytest.skip("no CJK font installed (Debian: apt install fonts-noto-cjk); .ci/run installs one")
    messages = _figure_messages()
    assert len(messages) > 50
    fig, ax = _look.figure(pyplot=False, width=30, height=3)
    ax.set_title("损失随轮数下降：η = 0.5，σ′(z)，∂L/∂w，x₀ → x₁，−3")
    for k, text in enumerate(messages):
        fig.text(0.01, (k % 40) / 40, text, fontsize=6)   # as drawn: mathtext has no Chinese glyphs
    with warnings.catch_warnings(), caplog.at_level("WARNING", logger="matplotlib"):
        warnings.filterwarnings("error", message=r".*[Gg]lyph.*missing")  # plain text: a warning
        fig.savefig(io.BytesIO(), format="png")
    # text inside a mathtext string ($...$ anywhere in it) is drawn by mathtext, which logs a missing glyph
    missing = sorted({r.getMessage() for r in caplog.records if "glyph" in r.getMessage().lower()})
    assert not missing, "glyphs drawn as boxes (keep Chinese out of strings with $...$ maths):\n" + "\n".join(missing)


def test_without_a_cjk_font_figures_stay_english_and_say_how_to_get_one(monkeypatch):
    from nnlesson.plots import _look

    monkeypatch.setitem(_look._font_for, "zh", None)
    with pytest.warns(UserWarning, match="fonts-noto-cjk"):
        nl.set_language("zh")
    assert _i18n.figure_text("loss") == "loss"          # drawn in English, not as empty boxes
    assert _i18n.gettext("loss") != "loss"              # printed text and widget labels are still Chinese
    fig, ax = _look.figure(pyplot=False)
    _look.loss_curve(ax, [1.0, 0.5])
    assert ax.get_ylabel() == "loss"
    monkeypatch.undo()
    nl.set_language("zh")
    assert _i18n.figure_text("loss") == _i18n.gettext("loss")
