"""A contact sheet of every page of the rendered documents, to look at before a layout change is done.

    opp demo --pdf && python scripts/contactvel.py output/demo/documenten   # writes output/demo/contactvel/

Every PDF under the folder becomes PNGs (pdftoppm, 40 dpi) and one sheet per kind of document (OPP, IOP,
KERNTEAM): a row per document, its pages side by side. The layout tests check what can be measured
(tests/test_document_layout.py); this is for what a person sees.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from opp.taal import aantal  # noqa: E402


def pngs(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "p")], check=True)
    return sorted(folder.glob("p*.png"))


def sheet(rows: list[tuple[str, list[Path]]], target: Path) -> None:
    width, height = Image.open(rows[0][1][0]).size
    columns = max(len(pages) for _, pages in rows)
    image = Image.new("RGB", (columns * (width + 6) + 6, len(rows) * (height + 22) + 6), "gray")
    draw = ImageDraw.Draw(image)
    for r, (name, pages) in enumerate(rows):
        top = r * (height + 22)
        draw.text((6, top + 4), name, fill="white")
        for c, page in enumerate(pages):
            image.paste(Image.open(page), (6 + c * (width + 6), top + 18))
    image.save(target)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("map", type=Path, help="map met de PDF's (ook in submappen)")
    parser.add_argument("--uit", type=Path, help="map voor de PNG's (standaard: contactvel naast de map)")
    parser.add_argument("--dpi", type=int, default=40)
    args = parser.parse_args(argv)
    uit = args.uit or args.map.parent / "contactvel"
    per_soort: dict[str, list[tuple[str, list[Path]]]] = {}
    for pdf in sorted(args.map.rglob("*.pdf")):
        soort = pdf.stem.split(" - ")[1] if " - " in pdf.stem else "overig"
        per_soort.setdefault(soort, []).append((pdf.stem, pngs(pdf, uit / "png" / pdf.stem, args.dpi)))
    for soort, rows in per_soort.items():
        sheet(rows, uit / f"{soort}.png")
        paginas = aantal(sum(len(pages) for _, pages in rows), "pagina", "pagina's")
        print(uit / f"{soort}.png", f"({paginas})")


if __name__ == "__main__":
    main()
