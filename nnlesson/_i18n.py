"""The words nnlesson shows, in the notebook's language.

Everything nnlesson prints, returns as feedback, draws into a figure, puts on a
widget or warns about is English in the source and looked up in a gettext
message catalog (``nnlesson/locale/<lang>/LC_MESSAGES/nnlesson.mo``, compiled
from the ``.po`` beside it by ``scripts/catalogs.py``).  A notebook chooses its
language once, in its first cell::

    import nnlesson as nl
    nl.set_language("zh")     # English ("en") is the default

A message the catalog lacks is shown in English.

In the package's modules::

    from .._i18n import _, _f, N_

    _("the loss went up")                          # a fixed message
    _f("step {t}: loss {loss:.4g}", t=t, loss=L)   # a message with values (str.format fields)
    LABELS = {"sgd": N_("stochastic")}             # marked where defined, translated with _() where shown

The plots import :func:`figure_text` and :func:`figure_format` under the same
short names: figure text falls back to English when no font with Chinese glyphs
is installed, rather than drawing empty boxes (see ``nnlesson.plots._look``).
``scripts/catalogs.py`` finds the messages by these call names, so a message
must be a string literal, never an f-string.  A translated figure message must
not contain mathtext (``$...$``): matplotlib draws the whole of such a string,
words included, in its maths fonts, which have no Chinese glyphs; use Unicode
(``2/λₘₐₓ``, ``x₁``) in the translation instead (tests/test_i18n.py checks).

The numerical core imports this module, so it needs the standard library only.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

__all__ = ["LANGUAGES", "set_language", "get_language", "gettext", "_", "_f", "N_", "figure_text", "figure_format"]

DOMAIN = "nnlesson"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: Language code -> (gettext locale, name).  "en" needs no catalog.
LANGUAGES = {"en": (None, "English"), "zh": ("zh_CN", "简体中文")}
_ALIASES = {
    "en": "en", "en_us": "en", "en_gb": "en", "english": "en",
    "zh": "zh", "zh_cn": "zh", "zh_hans": "zh", "zh_sg": "zh", "chinese": "zh", "中文": "zh", "简体中文": "zh",
}

_state = {"lang": "en", "catalog": _gettext.NullTranslations(), "figure_english": False}
# Called with the new language code after every set_language (nnlesson.plots registers its font check here).
_listeners = []


def _normalise(language):
    if not isinstance(language, str):
        raise TypeError(f"language must be a string such as 'en' or 'zh', got {type(language).__name__}")
    key = language.strip().lower().replace("-", "_")
    if key not in _ALIASES:
        known = ", ".join(f"{code!r} ({name})" for code, (_, name) in LANGUAGES.items())
        raise ValueError(f"language {language!r} is not available; choose one of {known}")
    return _ALIASES[key]


def set_language(language="en"):
    """Show nnlesson's messages, figure text and widget labels in ``language``: "en" (default) or "zh".

    Affects what is shown from now on in this Python process (a notebook's kernel); figures and
    widgets made before keep their words.  Returns the language code now in use.
    """
    code = _normalise(language)
    locale = LANGUAGES[code][0]
    if locale is None:
        catalog = _gettext.NullTranslations()
    else:
        try:
            catalog = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[locale])
        except OSError as err:  # the package was installed without its catalogs
            raise ValueError(f"the {LANGUAGES[code][1]} catalog is missing from {LOCALE_DIR}: "
                             f"reinstall nnlesson ({err})") from None
    _state.update(lang=code, catalog=catalog, figure_english=False)
    for listener in list(_listeners):
        listener(code)
    return code


def get_language():
    """The language code in use: "en" or "zh"."""
    return _state["lang"]


def gettext(message):
    """``message`` in the current language (English when the catalog has no translation)."""
    return _state["catalog"].gettext(message)


def _f(message, /, **values):
    """``message`` translated, then its ``{name}`` fields filled from ``values`` (str.format)."""
    return gettext(message).format(**values)


def N_(message):
    """Mark ``message`` for the catalog where it is defined; translate it with ``_`` where it is shown."""
    return message


def figure_text(message):
    """Like ``_``, but English while no installed font can draw the language's glyphs."""
    if _state["figure_english"]:
        return message
    return gettext(message)


def figure_format(message, /, **values):
    """Like ``_f`` for figure text (see :func:`figure_text`)."""
    return figure_text(message).format(**values)


def _figures_in_english(flag=True):
    """Called by nnlesson.plots when no font can draw the current language: figure text stays English."""
    _state["figure_english"] = bool(flag)


_ = gettext
