"""Copy Streamlit's static files to DIR with a zstd (-19) and a gzip (-9) copy of each text file beside it, for
Caddy's `file_server { precompressed zstd gzip }` (deploy/Caddyfile): a phone gets the smallest encoding it
accepts, compressed once at the highest level rather than on every request.

    .venv/bin/python deploy/precompress.py /var/lib/spindeln/static

Run it again after upgrading Streamlit (the files' names change with their content). zstd comes from Debian's
`zstd` package; without it only the gzip copies are written (and said so).
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

TEXT = {".js", ".css", ".html", ".svg", ".json", ".txt", ".map", ".wasm", ".ttf", ".otf"}
SMALLEST = 512  # bytes: below this a compressed copy saves nothing worth a file


def precompress(target: Path) -> dict[str, int]:
    import streamlit

    source = Path(streamlit.__file__).resolve().parent / "static"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    zstd = shutil.which("zstd")
    counts = {"files": 0, "gzip": 0, "zstd": 0, "bytes": 0, "gzip_bytes": 0, "zstd_bytes": 0}
    files = [p for p in sorted(target.rglob("*")) if p.is_file() and p.suffix in TEXT and p.stat().st_size >= SMALLEST]
    for path in files:
        counts["files"] += 1
        counts["bytes"] += path.stat().st_size
        gz = path.with_name(path.name + ".gz")
        gz.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
        counts["gzip"] += 1
        counts["gzip_bytes"] += gz.stat().st_size
    if zstd and files:  # one process for all: zstd writes NAME.zst beside each
        subprocess.run([zstd, "-q", "-19", "-T0", "--no-progress", "-f", "-k", *map(str, files)], check=True)
        for path in files:
            counts["zstd"] += 1
            counts["zstd_bytes"] += path.with_name(path.name + ".zst").stat().st_size
    return counts


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    counts = precompress(Path(argv[0]))
    mb = 1024 * 1024
    line = (f"{counts['files']} files, {counts['bytes'] / mb:.1f} MB: gzip -9 {counts['gzip_bytes'] / mb:.1f} MB")
    line += f", zstd -19 {counts['zstd_bytes'] / mb:.1f} MB" if counts["zstd"] else " (no zstd: apt-get install zstd)"
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
