"""Import benchmark: a 50,000-row shop list, as district staff keep it, checked then written.

    make bench        (or: python bench/import_bench.py [--rows 50000] [--format csv|xlsx|both])

1. (Re)creates the PostgreSQL database `camnang_import_bench`: migrations, the province's
   places, the staff roles and one provincial editor.
2. Writes a synthetic file with the messiness of real lists: two title rows above the
   header, headers in the staff's own words (`STT`, `Tên điểm bán`, `SĐT`, `Huyện`, `Xã/TT`),
   former communes named as in 2021 (with and without their kind, in upper and lower case)
   and some current communes, districts spelt several ways, phones typed every common way
   (dots, spaces, +84, 84…, two numbers in a cell), blank rows, the header repeated where a
   printout's pages were glued together, and a `Tổng cộng` row. The CSV is saved in the
   Windows Vietnamese code page (1258), as Excel on a Vietnamese Windows does; the .xlsx
   holds the same rows.
3. Runs `manage.py import_sheet FILE --dry-run` (read and check every row, write nothing),
   then `manage.py import_sheet FILE` (check and write in one transaction), each in its own
   process with production settings, and measures wall time and peak memory (max RSS).
4. Prints the figures against the budgets (check ≤ 60 s, write ≤ 120 s, < 300 MB), writes
   bench/results/import.json, and exits 1 if a budget is missed.
"""

import argparse
import csv
import io
import json
import os
import random
import socket
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

from run import PG, RESULTS, production_env, sh  # noqa: E402

from core.tests.sheetfiles import cp1258  # noqa: E402 (the tests' Windows-1258 writer)

DB_NAME = "camnang_import_bench"
USERNAME = "bench-editor"
BUDGET = {"check_s": 60, "write_s": 120, "peak_mb": 300}

HEADER = ["STT", "Tên điểm bán", "Loại hình", "Huyện", "Xã/TT", "Địa chỉ", "SĐT", "Nhóm hàng", "Giao hàng"]
KINDS = ["Hộ kinh doanh", "Siêu thị mini", "Nhà thuốc", "Sạp chợ", "Cửa hàng tiện lợi", ""]
NAMES = ["Tạp hóa", "Cửa hàng", "Nhà thuốc", "Sạp rau", "Quầy thực phẩm", "Điểm bán hàng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hằng", "Hoa", "Hùng", "Lan", "Minh", "Nga", "Phúc", "Thảo"]
GOODS = ["Gạo, lương thực", "Rau, củ, quả", "Thịt, trứng, sữa", "Thuốc, vật tư y tế", "Gas, chất đốt"]
DELIVERY = ["x", "có", "", "Không", "X"]


def phone_spellings(n: int, rng: random.Random) -> str:
    """A unique mobile number for row n, typed one of the ways staff type them."""
    digits = f"9{n:08d}"  # 9 digits after the leading 0: 09xxxxxxxx, unique per row
    spelt = rng.choice(
        [
            f"0{digits}",
            f"0{digits[:3]}.{digits[3:6]}.{digits[6:]}",
            f"0{digits[:3]} {digits[3:6]} {digits[6:]}",
            f"+84 {digits}",
            f"84{digits}",
            f"(+84) {digits[:3]}-{digits[3:6]}-{digits[6:]}",
        ]
    )
    if rng.random() < 0.05:  # a second number in the same cell: a landline of the town
        spelt += f" - 0237 38{n % 100000:05d}"
    return spelt


def district_spellings(name: str, rng: random.Random) -> str:
    short = name.split(" ", 1)[1] if name.split(" ", 1)[0] in {"Huyện", "Thị", "Thành"} else name
    for prefix in ("Thị xã ", "Thành phố "):
        if name.startswith(prefix):
            short = name[len(prefix) :]
    return rng.choice([name, short, short.upper(), f"H. {short}", fold_plain(short)])


def fold_plain(text: str) -> str:
    """Text typed without accents, as on a phone without a Vietnamese keyboard."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def rows_for(count: int, places: list[tuple[str, str, str]], seed: int = 2021):
    """The file's rows, in order. places: (kind, district, commune, short name); a current
    commune is named without a district, as lists made since July 2025 are."""
    rng = random.Random(seed)
    yield ["UBND TỈNH THANH HÓA"] + [""] * (len(HEADER) - 1)
    yield ["DANH SÁCH CÁC ĐIỂM BÁN HÀNG THIẾT YẾU PHỤC VỤ NHÂN DÂN"] + [""] * (len(HEADER) - 1)
    yield [""] * len(HEADER)
    yield HEADER
    for n in range(1, count + 1):
        if n % 5000 == 1 and n > 1:
            yield HEADER  # pages of a printout glued together
        if n % 700 == 0:
            yield [""] * len(HEADER)
        kind, district, commune, short = places[n % len(places)]
        if kind == "former":
            district_cell = district_spellings(district, rng)
            commune_cell = rng.choice([commune, short, commune.upper(), fold_plain(commune)])
        else:  # today's commune: lists made since July 2025 leave the district blank
            district_cell, commune_cell = "", commune
        yield [
            str(n),
            f"{rng.choice(NAMES)} {rng.choice(GIVEN)} {n}",
            rng.choice(KINDS),
            district_cell,
            commune_cell,
            f"Thôn {rng.randint(1, 12)}",
            phone_spellings(n, rng),
            "; ".join(rng.sample(GOODS, rng.randint(1, 2))),
            rng.choice(DELIVERY),
        ]
    yield ["", "Tổng cộng", "", "", "", "", f"{count} điểm bán", "", ""]


def write_file(path: Path, rows, fmt: str) -> None:
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows(rows)
        path.write_bytes(cp1258(text.getvalue()))
        return
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    for row in rows:
        sheet.append(row)
    book.save(path)


def measured(*args, env) -> dict:
    """Run a command, return its exit code, wall time and peak memory (max RSS of that process)."""
    started = time.monotonic()
    process = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "exit": process.returncode,
        "seconds": round(time.monotonic() - started, 1),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
        "output": output.strip().splitlines(),
    }


def django_shell(code: str, env: dict) -> str:
    """The last line the code prints (the shell may print log lines before it)."""
    return sh(sys.executable, "manage.py", "shell", "-c", code, env=env, capture=True).stdout.splitlines()[-1]


PLACES_CODE = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count
from camnang.roles import PROVINCIAL_EDITORS
from core.text import fold
from shops.models import Commune, FormerCommune
user = get_user_model().objects.create_user(%(user)r, is_staff=True)
user.groups.add(Group.objects.get(name=PROVINCIAL_EDITORS))
olds = FormerCommune.objects.annotate(n=Count('successors')).select_related('district')
former = [('former', f.district.name, f.name, f.short_name) for f in olds if f.n == 1]
taken = {fold(f.short_name) for f in olds}
# today's communes named alone: those of one former district, named like no former one
news = Commune.objects.annotate(n=Count('districts')).filter(n=1)
current = [('current', '', c.name, c.short_name) for c in news if fold(c.short_name) not in taken]
print(json.dumps(former + current))
"""


def fresh_database(env: dict) -> list:
    """An empty portal database with the places, the roles and the importing editor; the
    places the file may name."""
    sh("psql", f"{PG}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)", capture=True)
    sh("psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {DB_NAME}")
    for command in ("migrate", "load_places", "setup_roles"):
        sh(sys.executable, "manage.py", command, "-v0", env=env, capture=True)
    return json.loads(django_shell(PLACES_CODE % {"user": USERNAME}, env))


def run(rows: int, fmt: str, env: dict) -> dict:
    places = fresh_database(env)
    path = Path(f"/tmp/camnang-import-bench-{rows}.{fmt}")
    write_file(path, rows_for(rows, places), fmt)
    size_mb = path.stat().st_size / 1_000_000
    print(f"\n{rows:,} rows, {path.name}, {size_mb:.1f} MB, {len(places)} places named")
    command = [sys.executable, "manage.py", "import_sheet", str(path), "--user", USERNAME]
    command += ["--list", "cua-hang"]
    check = measured(*command, "--dry-run", env=env)
    full = measured(*command, env=env)
    written = int(django_shell("from shops.models import Shop; print(Shop.objects.count())", env))
    path.unlink()
    print("\n".join(check["output"][-3:]))
    return {
        "format": fmt,
        "rows": rows,
        "file_mb": round(size_mb, 1),
        "check": {key: check[key] for key in ("exit", "seconds", "peak_mb")},
        "check_and_write": {key: full[key] for key in ("exit", "seconds", "peak_mb")},
        "write_s": round(full["seconds"] - check["seconds"], 1),
        "shops_written": written,
    }


def within_budget(result: dict) -> bool:
    return (
        result["check"]["exit"] == result["check_and_write"]["exit"] == 0
        and result["shops_written"] == result["rows"]
        and result["check"]["seconds"] <= BUDGET["check_s"]
        and result["write_s"] <= BUDGET["write_s"]
        and max(result["check"]["peak_mb"], result["check_and_write"]["peak_mb"]) < BUDGET["peak_mb"]
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--format", choices=["csv", "xlsx", "both"], default="both")
    args = parser.parse_args()

    env = production_env(Path("/tmp"), "import-bench", DATABASE_URL=f"{PG}/{DB_NAME}")
    formats = ["csv", "xlsx"] if args.format == "both" else [args.format]
    results = [run(args.rows, fmt, env) for fmt in formats]

    print(f"\nShop list import, PostgreSQL, {os.cpu_count()} cores; budget: check ≤ 60 s, ", end="")
    print("write ≤ 120 s, memory < 300 MB")
    header = (
        f"{'file':<8}{'rows':>8}{'MB':>6}{'check s':>9}{'write s':>9}{'total s':>9}{'peak MB':>9}  budget"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        peak = max(result["check"]["peak_mb"], result["check_and_write"]["peak_mb"])
        print(
            f"{result['format']:<8}{result['rows']:>8,}{result['file_mb']:>6}{result['check']['seconds']:>9}"
            f"{result['write_s']:>9}{result['check_and_write']['seconds']:>9}{peak:>9}  "
            + ("met" if within_budget(result) else "MISSED")
        )
    print("(write = the full import, which checks again inside its transaction, minus the dry run)")
    RESULTS.mkdir(exist_ok=True)
    report = {"host": socket.gethostname(), "cores": os.cpu_count(), "database": "PostgreSQL"}
    report |= {"budget": BUDGET, "results": results}
    (RESULTS / "import.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"Written to {(RESULTS / 'import.json').relative_to(ROOT)}")
    sys.exit(0 if all(within_budget(result) for result in results) else 1)


if __name__ == "__main__":
    main()
