"""Export the notebooks as reveal.js slide decks that work from local files alone (no network).

    python scripts/export_slides.py                          # every notebook -> build/slides/
    python scripts/export_slides.py notebooks/05_learning_rate.ipynb --out /tmp/deck

``jupyter nbconvert --to slides`` writes pages that load reveal.js, require.js, jQuery, MathJax, mermaid
and the widget renderer from CDNs: offline, a lecture room sees one long page, raw TeX and empty widget
areas.  Here those libraries come from the npm registry once, at the versions that slides/package-lock.json
pins (``npm ci``; Node.js and npm are needed for the first export only), and are copied next to the decks
in ``vendor/``.  The decks refer to them by relative paths, so the output folder can be copied anywhere (a
USB stick, a lecture-room PC) and opened from disk.  Mermaid (for diagrams the notebooks do not use) is left
out; the reveal.js theme is "white" (the default "simple" theme fetches web fonts); tall slides scroll.

Widgets show the picture stored with the notebook (no kernel, so sliders do not redraw): each widget notebook
also has a static grid of fixed settings for this case.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from editions import edition, series

ROOT = Path(__file__).resolve().parent.parent
SLIDES = ROOT / "slides"
NPM_DIR = ROOT / "build" / "slides-npm"

# What each deck needs from each npm package: (package, files or folders inside it).
VENDOR = {
    "reveal.js": ["dist", "plugin/notes"],
    "mathjax": ["MathJax.js", "config", "extensions", "jax/input/TeX", "jax/output/CommonHTML",
                "jax/element", "fonts/HTML-CSS/TeX/woff", "localization/en"],
    "requirejs": ["require.js"],
    "jquery": ["dist/jquery.min.js"],
    "@jupyter-widgets/html-manager": ["dist"],
}
TEMPLATE = """{%- extends 'reveal/index.html.j2' -%}
{#- Offline decks: no mermaid (the notebooks draw no mermaid diagrams, and its module comes from a CDN). -#}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def _lock_digest() -> str:
    return hashlib.sha256((SLIDES / "package-lock.json").read_bytes()).hexdigest()


def npm_packages() -> Path:
    """node_modules with the pinned packages (npm ci, once per lock file)."""
    stamp = NPM_DIR / ".lock-digest"
    modules = NPM_DIR / "node_modules"
    if modules.is_dir() and stamp.exists() and stamp.read_text() == _lock_digest():
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("export_slides: npm is needed once, to fetch reveal.js, MathJax and the widget renderer "
                         "(Debian: apt-get install npm; or install Node.js from nodejs.org)")
    NPM_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(SLIDES / name, NPM_DIR / name)
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NPM_DIR,
                   check=True)
    stamp.write_text(_lock_digest())
    return modules


def copy_vendor(modules: Path, out: Path) -> Path:
    vendor = out / "vendor"
    for package, parts in VENDOR.items():
        for part in parts:
            src, dst = modules / package / part, vendor / package / part
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            else:
                shutil.copy(src, dst)
    return vendor


def export(notebooks: list[Path], out: Path) -> list[Path]:
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    out.mkdir(parents=True, exist_ok=True)
    copy_vendor(npm_packages(), out)
    template = out / "vendor" / "offline.html.j2"
    template.write_text(TEMPLATE, encoding="utf-8")
    c = Config()
    c.SlidesExporter.reveal_url_prefix = "vendor/reveal.js"
    c.SlidesExporter.reveal_theme = "white"
    c.SlidesExporter.reveal_scroll = True
    c.SlidesExporter.require_js_url = "vendor/requirejs/require.js"
    c.SlidesExporter.jquery_url = "vendor/jquery/dist/jquery.min.js"
    c.SlidesExporter.mathjax_url = "vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    c.SlidesExporter.widget_renderer_url = "vendor/@jupyter-widgets/html-manager/dist/embed-amd.js"
    c.SlidesExporter.template_file = str(template)
    exporter = SlidesExporter(config=c)
    written = []
    for nb in notebooks:
        body, _ = exporter.from_filename(str(nb))
        lang = f".{edition(nb)}" if edition(nb) else ""   # a translation's deck beside the English one
        target = out / f"{nb.stem}{lang}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
        print(f"{target.relative_to(out.parent) if out.parent in target.parents else target}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="default: notebooks/[0-9]*.ipynb and notebooks/zh/[0-9]*.ipynb (NN_name.zh.slides.html)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "slides", help="default: build/slides/")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or series()
    export(notebooks, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
