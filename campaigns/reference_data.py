"""Reference data of the campaigns app, from the roll-out letter (September 2021) and
Plan 241/KH-UBND (10 November 2021), with what became of the units the plan names in
2025 (each fact with its source). Loaded by `manage.py load_campaigns`.

Targets the plan states are copied as stated, with the section that states them; where
it gives none (trainings, leaflets, social media) the activity has no target ("chưa có
chỉ tiêu") until staff set one in the admin, which records who set it and when.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HANDBOOK = "cam-nang-mua-ban-hang-online"
PLAN = "nang-tam-gia-tri-nong-san"
# The day Plan 241/KH-UBND was issued: its campaign starts then.
PLAN_DATE = date(2021, 11, 10)

CAMPAIGNS = [
    {
        "slug": HANDBOOK,
        "name": "Cẩm nang mua bán hàng online – an toàn phòng chống dịch",
        # The letter gives no slogan and no day: "tháng 9 năm 2021".
        "message": "",
        "description": (
            "Sở Thông tin và Truyền thông phối hợp với Sở Công Thương, Sở Nông nghiệp và Phát triển "
            "nông thôn, Đài Phát thanh – Truyền hình tỉnh và các doanh nghiệp bưu chính xây dựng cẩm "
            "nang từ tháng 9/2021, giúp người dân đi chợ online, mua sắm trên sàn thương mại điện tử, "
            "siêu thị, cửa hàng và hạn chế tiếp xúc trực tiếp trong mùa dịch."
        ),
        "start_date": None,
        "source": (
            "Công văn của Sở Thông tin và Truyền thông tỉnh Thanh Hóa v/v triển khai “Cẩm nang mua bán "
            "hàng online – an toàn phòng chống dịch”, tháng 9/2021 (văn bản không ghi ngày): tên cẩm nang, "
            "các đơn vị phối hợp, nhiệm vụ gắn banner và của hai doanh nghiệp bưu chính."
        ),
        "position": 1,
    },
    {
        "slug": PLAN,
        "name": "Nâng tầm giá trị nông sản tỉnh Thanh Hóa qua nền tảng thương mại số",
        "message": "Nâng tầm giá trị nông sản tỉnh Thanh Hóa qua nền tảng thương mại số",
        "description": (
            "Thông điệp của Kế hoạch số 241/KH-UBND ngày 10/11/2021 của UBND tỉnh về truyền thông hỗ "
            "trợ đưa hộ sản xuất nông nghiệp lên sàn thương mại điện tử postmart.vn và voso.vn, thúc "
            "đẩy phát triển kinh tế số nông nghiệp, nông thôn."
        ),
        "start_date": PLAN_DATE,
        "source": (
            "Kế hoạch số 241/KH-UBND ngày 10/11/2021 của UBND tỉnh Thanh Hóa: mục I.1 (mục tiêu “Kinh tế "
            "số, xã hội số tại nông thôn” và thông điệp), ngày ban hành."
        ),
        "position": 2,
    },
]

CONTENT_DIR = Path(__file__).resolve().parent / "content"


def content_files(folder: str, root: Path = CONTENT_DIR) -> list[dict]:
    """Shipped Markdown documents in `root`/`folder`, in file-name order: "key: value"
    header lines, a "---" line, then the body. The slug is the file name without its
    "NN-" prefix."""
    documents = []
    for path in sorted((root / folder).glob("*.md")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        fields = dict(line.split(": ", 1) for line in header.strip().splitlines())
        documents.append({**fields, "slug": path.stem.split("-", 1)[1], "body": body.strip() + "\n"})
    return documents


@dataclass(frozen=True)
class Unit:
    slug: str
    name: str
    short_name: str
    kind: str
    submits_reports: bool = False
    # Only addresses known for certain; others are left for staff to fill in.
    website: str = ""
    partner_tag: str = ""
    valid_from: date | None = None
    valid_until: date | None = None  # the last day it existed
    successor: str = ""  # slug of the unit it became
    # Where the facts come from (document and section, or the act and an official page), and
    # what is still to be checked: shown to staff.
    source: str = ""


# The 2021 documents, as filed in the project's sources.
LETTER = (
    "000 Công văn của Sở Thông tin và Truyền thông về triển khai Cẩm nang mua bán hàng online (tháng 9/2021)"
)
PLAN_241 = "003 Kế hoạch 241/KH-UBND ngày 10/11/2021"
# Plan 241 numbers two parts "III": the communication content, then the duties of each unit.
CONTENT = "mục III “Nội dung truyền thông”"
DUTIES = "mục III “Tổ chức thực hiện”"

# The 2025 reorganisation, with the acts and the official or press pages that report them.
DECREE_45 = (
    "Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ quy định tổ chức các cơ quan chuyên môn "
    "thuộc UBND cấp tỉnh: các sở tổ chức thống nhất gồm Sở Tài chính, Sở Công Thương, Sở Nông nghiệp và "
    "Môi trường, Sở Khoa học và Công nghệ, Văn phòng UBND… (không còn Sở Thông tin và Truyền thông, "
    "Sở Nông nghiệp và Phát triển nông thôn, Sở Kế hoạch và Đầu tư). Tóm tắt: "
    "http://hdnd.dongnai.gov.vn/Pages/glp-quydinhmoivecoquanchuyenmonthu-glpnd-34299-glpnc-4-glpsite-1.html"
)
SCIENCE_MERGER = (
    "Các Sở Khoa học và Công nghệ hợp nhất với Sở Thông tin và Truyền thông đi vào hoạt động trên cả "
    "nước từ ngày 01/3/2025: Tạp chí điện tử Thông tin và Truyền thông, 10/3/2025, "
    "https://ictvietnam.vn/print/69097.html"
)
THANH_HOA_DEPARTMENTS_2025 = (
    "Tên các sở của tỉnh Thanh Hóa năm 2025 (Sở Tài chính, Sở Nông nghiệp và Môi trường, Sở Công Thương): "
    "HĐND tỉnh bầu bổ sung Phó Chủ tịch, Ủy viên UBND tỉnh ngày 3/11/2025, "
    "https://dantri.com.vn/thoi-su/thanh-hoa-bau-bo-sung-2-pho-chu-tich-ubnd-tinh-20251103133635015.htm"
)
PROVINCE_ACT_TO_CHECK = (
    "Cần cán bộ bổ sung: số, ngày nghị quyết của HĐND tỉnh và quyết định của UBND tỉnh Thanh Hóa về "
    "thành lập sở (chưa đối chiếu được); ngày hoạt động theo mốc chung 01/3/2025."
)
PRESS_MERGER = (
    "Quyết định số 4043-QĐ/TU của Tỉnh ủy Thanh Hóa thành lập Báo và Đài Phát thanh – Truyền hình Thanh "
    "Hóa trên cơ sở hợp nhất Báo Thanh Hóa và Đài Phát thanh và Truyền hình Thanh Hóa, hoạt động từ "
    "01/6/2025: https://truyenhinhthanhhoa.vn/cong-bo-quyet-dinh-thanh-lap-bao-va-dai-phat-thanh-truyen-"
    "hinh-thanh-hoa-180250530182221235.htm (công bố ngày 30/5/2025); số quyết định: "
    "https://doanhnghiephoinhap.vn/thanh-hoa-dai-phat-thanh-truyen-hinh-thanh-hoa-va-bao-thanh-hoa-chinh-"
    "thuc-ve-chung-mot-nha-105135.html"
)


def _source(*parts: str) -> str:
    return "\n".join(parts)


# Provincial units named in the letter and the plan, in the order the plan lists them, with
# what became of them in 2025.
UNITS = [
    Unit("so-tttt", "Sở Thông tin và Truyền thông", "Sở TT&TT", "department",
         website="https://stttt.thanhhoa.gov.vn/", partner_tag="so-tttt",
         valid_until=date(2025, 2, 28), successor="so-khcn",
         source=_source(f"{LETTER}: đơn vị ban hành.", f"{PLAN_241}, {DUTIES}, điểm 1.",
                        f"Hợp nhất vào Sở Khoa học và Công nghệ từ 01/3/2025: {SCIENCE_MERGER}", DECREE_45)),
    Unit("so-cong-thuong", "Sở Công Thương", "Sở Công Thương", "department", partner_tag="so-cong-thuong",
         source=_source(f"{LETTER}: nơi nhận.", f"{PLAN_241}, {DUTIES}, điểm 3.",
                        f"Tên không đổi năm 2025: {DECREE_45}", THANH_HOA_DEPARTMENTS_2025)),
    Unit("so-nn-ptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "department",
         partner_tag="so-nn-ptnt", valid_until=date(2025, 2, 28), successor="so-nn-mt",
         source=_source(f"{LETTER}: nơi nhận.", f"{PLAN_241}, {DUTIES}, điểm 4.",
                        f"Hợp nhất với Sở Tài nguyên và Môi trường thành Sở Nông nghiệp và Môi trường: "
                        f"{DECREE_45}", THANH_HOA_DEPARTMENTS_2025, PROVINCE_ACT_TO_CHECK)),
    Unit("so-tai-chinh", "Sở Tài chính", "Sở Tài chính", "department", partner_tag="so-tai-chinh",
         source=_source(f"{PLAN_241}, {DUTIES}, điểm 2.",
                        "Tên không đổi năm 2025; từ 01/3/2025 nhận thêm nhiệm vụ của Sở Kế hoạch và Đầu tư "
                        f"(không còn trong danh sách sở): {DECREE_45}", THANH_HOA_DEPARTMENTS_2025,
                        PROVINCE_ACT_TO_CHECK)),
    Unit("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh", "VP UBND tỉnh", "department",
         website="https://thanhhoa.gov.vn/", partner_tag="cong-thong-tin-tinh",
         source=_source(f"{PLAN_241}, {CONTENT}, điểm 1.a; {DUTIES}, điểm 6 (Cổng thông tin điện tử tỉnh).",
                        f"Tên không đổi năm 2025: {DECREE_45}")),
    Unit("bao-thanh-hoa", "Báo Thanh Hóa", "Báo Thanh Hóa", "newspaper",
         website="https://baothanhhoa.vn/", partner_tag="bao-thanh-hoa",
         valid_until=date(2025, 5, 31), successor="bao-va-dai-pt-th",
         source=_source(f"{PLAN_241}, {CONTENT}, điểm 2.a; {DUTIES}, điểm 6.", PRESS_MERGER)),
    Unit("dai-pt-th", "Đài Phát thanh và Truyền hình tỉnh", "Đài PT-TH tỉnh", "broadcaster",
         partner_tag="dai-pt-th", valid_until=date(2025, 5, 31), successor="bao-va-dai-pt-th",
         source=_source(f"{LETTER}: nơi nhận.", f"{PLAN_241}, {CONTENT}, điểm 2.a; {DUTIES}, điểm 6.",
                        PRESS_MERGER)),
    Unit("buu-dien-tinh", "Bưu điện tỉnh Thanh Hóa", "Bưu điện tỉnh", "postal", submits_reports=True,
         partner_tag="buu-dien-tinh",
         source=_source(f"{LETTER}: nơi nhận, mục 2.", f"{PLAN_241}, {DUTIES}, điểm 7.")),
    Unit("viettel-post", "Chi nhánh Bưu chính Viettel Thanh Hóa", "Viettel Post Thanh Hóa", "postal",
         submits_reports=True, partner_tag="viettel-post",
         source=_source(f"{LETTER}: nơi nhận, mục 2.", f"{PLAN_241}, {DUTIES}, điểm 7.")),
]  # fmt: skip

# The units that took over from them in 2025. Websites are left for staff: none was confirmed.
SUCCESSORS = [
    Unit("so-khcn", "Sở Khoa học và Công nghệ", "Sở KH&CN", "department", partner_tag="so-khcn",
         valid_from=date(2025, 3, 1),
         source=_source(f"Sở Khoa học và Công nghệ sau hợp nhất với Sở Thông tin và Truyền thông: "
                        f"{SCIENCE_MERGER}", DECREE_45, PROVINCE_ACT_TO_CHECK)),
    Unit("so-nn-mt", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", "department", partner_tag="so-nn-mt",
         valid_from=date(2025, 3, 1),
         source=_source("Hợp nhất Sở Nông nghiệp và Phát triển nông thôn và Sở Tài nguyên và Môi trường: "
                        f"{DECREE_45}", THANH_HOA_DEPARTMENTS_2025, PROVINCE_ACT_TO_CHECK)),
    Unit("bao-va-dai-pt-th", "Báo và Đài Phát thanh – Truyền hình Thanh Hóa", "Báo và Đài PT-TH Thanh Hóa",
         "newspaper", partner_tag="bao-va-dai-pt-th", valid_from=date(2025, 6, 1), source=PRESS_MERGER),
]  # fmt: skip

DISTRICTS = "*districts"  # stands for the People's Committees of every district-level unit

# The district level ended on 1 July 2025; communes and wards took over its work.
DISTRICTS_UNTIL = date(2025, 6, 30)
COMMUNES_FROM = date(2025, 7, 1)
TWO_TIER = (
    "Chính quyền địa phương hai cấp từ 01/7/2025: Nghị quyết số 203/2025/QH15 của Quốc hội sửa đổi, bổ "
    "sung một số điều của Hiến pháp (thông qua ngày 16/6/2025; đơn vị hành chính cấp huyện kết thúc hoạt "
    "động), https://vietnamnet.vn/ban-tin-vietnamnet-17-6-quoc-hoi-thong-qua-sua-hien-phap-lich-su-"
    "pre2412112.html; Luật Tổ chức chính quyền địa phương số 72/2025/QH15."
)
DISTRICT_SOURCE = _source(
    f"{LETTER}: mục 1 (UBND các huyện, thị xã, thành phố).",
    f"{PLAN_241}, {DUTIES}, điểm 5 (UBND các huyện, thị xã, thành phố).",
    TWO_TIER,
    "Không có một đơn vị kế thừa: nhiệm vụ chuyển cho UBND các xã, phường trên địa bàn huyện cũ.",
)
# A district merged before 2025: its committee's own end date is still to be confirmed.
DISTRICT_NOTES = {
    "dong-son": (
        "ubnd-thanh-hoa",
        _source(
            DISTRICT_SOURCE,
            "Huyện Đông Sơn nhập vào thành phố Thanh Hóa theo Nghị quyết của Ủy ban Thường vụ Quốc hội "
            "thông qua ngày 24/10/2024 về sắp xếp đơn vị hành chính cấp huyện, cấp xã tỉnh Thanh Hóa giai "
            "đoạn 2023–2025: https://soha.vn/tp-cach-ha-noi-160km-duoc-mo-rong-se-co-gan-50-phuong-xa-"
            "truc-thuoc-198241125094214443.htm",
            "Cần cán bộ bổ sung: số nghị quyết và ngày có hiệu lực (chưa đối chiếu được); khi có, sửa "
            "“hoạt động đến ngày” thành ngày trước ngày có hiệu lực. Ngày 30/06/2025 ghi tạm là hạn muộn "
            "nhất.",
        ),
    ),
}
COMMUNE_SOURCE = _source(
    "Nghị quyết số 1686/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội về sắp xếp các đơn vị hành chính cấp xã "
    "của tỉnh Thanh Hóa năm 2025 (toàn văn đăng trên Báo Thanh Hóa ngày 17/6/2025).",
    TWO_TIER,
    "Nhận nhiệm vụ của UBND cấp huyện trên địa bàn (Kế hoạch 241/KH-UBND, mục III “Tổ chức thực hiện”, "
    "điểm 5).",
)


def committee_slug(district_slug: str) -> str:
    return f"ubnd-{district_slug}"


def committee_name(district_name: str) -> str:
    """'Huyện Hà Trung' -> 'UBND huyện Hà Trung'; 'Xã Hà Trung' -> 'UBND xã Hà Trung'."""
    return f"UBND {district_name[:1].lower()}{district_name[1:]}"


# Short forms that keep the kind of unit: "UBND Thanh Hóa" alone would read as the province's.
COMMITTEE_ABBREVIATIONS = (("Thành phố ", "TP "), ("Thị xã ", "TX "))


def committee_short_name(district_name: str) -> str:
    """'Thành phố Thanh Hóa' -> 'UBND TP Thanh Hóa'; 'Huyện Hà Trung' -> 'UBND huyện Hà Trung'."""
    for prefix, short in COMMITTEE_ABBREVIATIONS:
        if district_name.startswith(prefix):
            return f"UBND {short}{district_name.removeprefix(prefix)}"
    return committee_name(district_name)


@dataclass(frozen=True)
class PlanActivity:
    slug: str
    channel: str
    title: str
    leads: list[str]
    coordinators: list[str]
    start: date
    target_count: int | None
    target_period: str
    target_note: str
    description: str
    source: str
    position: int = 0
    extra: dict = field(default_factory=dict)


# The note of an activity the plan gives no target for.
NO_TARGET = "Kế hoạch không nêu số lượng: chưa có chỉ tiêu cho đến khi có văn bản giao."

ACTIVITIES = [
    PlanActivity(
        "chuyen-muc-cong-thong-tin",
        "portal",
        "Chuyên mục hỗ trợ hộ sản xuất lên sàn trên Cổng thông tin điện tử tỉnh",
        ["van-phong-ubnd-tinh", "buu-dien-tinh", "viettel-post"],
        ["so-tttt", "so-cong-thuong", "so-nn-ptnt", DISTRICTS, "bao-thanh-hoa", "dai-pt-th"],
        PLAN_DATE,
        1,
        "month",
        "Kế hoạch: hàng tháng ít nhất 01 tin, bài có hình ảnh trên Cổng; Bưu điện tỉnh và Chi nhánh "
        "Bưu chính Viettel mỗi đơn vị ít nhất 01 tin, bài có hình ảnh mỗi tháng.",
        "Văn phòng UBND tỉnh lập chuyên mục trên Cổng thông tin điện tử tỉnh, liên kết với chuyên mục "
        "“Nông sản Việt” của Bộ Thông tin và Truyền thông; các đơn vị gửi tin, bài về hoạt động hỗ trợ "
        "hộ sản xuất lên sàn thương mại điện tử.",
        f"{PLAN_241}, {CONTENT}, điểm 1 (chỉ tiêu: điểm 1.đ, “Kết quả”).",
        1,
    ),
    PlanActivity(
        "bao-chi-truyen-hinh",
        "press",
        "Truyền thông trên Báo Thanh Hóa và Đài Phát thanh và Truyền hình tỉnh",
        ["bao-thanh-hoa", "dai-pt-th"],
        ["so-tttt", "so-cong-thuong", "so-nn-ptnt", DISTRICTS, "buu-dien-tinh", "viettel-post"],
        date(2021, 11, 1),
        1,
        "month",
        "Kế hoạch: hàng tháng ít nhất 01 tin, bài có hình ảnh trên Báo Thanh Hóa và ít nhất 01 tin, "
        "bài, phóng sự trên Đài Phát thanh và Truyền hình tỉnh.",
        "Tiếp nhận phim tài liệu, phóng sự của các đơn vị thuộc Bộ Thông tin và Truyền thông; xây dựng "
        "tin, bài, phóng sự về kết quả, kinh nghiệm hay, gương hộ sản xuất tiêu biểu.",
        f"{PLAN_241}, {CONTENT}, điểm 2 (chỉ tiêu: “Kết quả”).",
        2,
    ),
    PlanActivity(
        "truyen-thanh-co-so",
        "radio",
        "Truyền thông qua hệ thống truyền thanh cơ sở",
        [DISTRICTS, "so-tttt"],
        ["so-cong-thuong", "so-nn-ptnt", "dai-pt-th", "buu-dien-tinh", "viettel-post"],
        date(2021, 11, 1),
        1,
        "week",
        "Kế hoạch: hàng tuần tối thiểu 01 tin, bài tuyên truyền đến hộ sản xuất, người dân địa phương.",
        "Đài truyền thanh cấp huyện, xã phát bản tin, tiểu phẩm về hỗ trợ, hướng dẫn hộ sản xuất đưa "
        "nông sản lên sàn; Sở Thông tin và Truyền thông là đầu mối tiếp nhận, hướng dẫn nội dung.",
        f"{PLAN_241}, {CONTENT}, điểm 3 (chỉ tiêu: “Kết quả”).",
        3,
    ),
    PlanActivity(
        "hoi-nghi-tap-huan",
        "training",
        "Hội nghị tập huấn, hướng dẫn hộ sản xuất lên sàn thương mại điện tử",
        ["buu-dien-tinh", "viettel-post", "so-tttt"],
        ["so-cong-thuong", "so-nn-ptnt", DISTRICTS],
        date(2021, 11, 1),
        None,
        "quarter",
        NO_TARGET,
        "Tập huấn kỹ năng số, đăng ký gian hàng và tài khoản thanh toán trực tuyến, quy trình đóng gói – "
        "kết nối – giao nhận; giải đáp vướng mắc cho hộ sản xuất.",
        f"{PLAN_241}, {CONTENT}, điểm 4 (không nêu số lượng).",
        4,
    ),
    PlanActivity(
        "to-roi-pano-bang-dien-tu",
        "print",
        "Tờ rơi, pano, áp phích, bản tin trên bảng điện tử",
        ["so-tttt", "so-cong-thuong", "so-nn-ptnt", DISTRICTS, "buu-dien-tinh", "viettel-post"],
        [],
        date(2021, 11, 1),
        None,
        "quarter",
        NO_TARGET,
        "In ấn tờ rơi, pano, áp phích; đưa bản tin điện tử lên bảng điện tử công cộng của UBND cấp huyện.",
        f"{PLAN_241}, {CONTENT}, điểm 5 (không nêu số lượng).",
        5,
    ),
    PlanActivity(
        "mang-xa-hoi-livestream",
        "social",
        "Mạng xã hội, livestream bán hàng và xúc tiến thương mại",
        ["buu-dien-tinh", "viettel-post"],
        ["so-tttt", "so-cong-thuong", "so-nn-ptnt", DISTRICTS],
        date(2021, 11, 1),
        None,
        "month",
        NO_TARGET,
        "Lập fanpage, livestream bán hàng, nhóm hướng dẫn hộ sản xuất; tham gia xúc tiến thương mại "
        "trong và ngoài tỉnh.",
        f"{PLAN_241}, {CONTENT}, điểm 6 (không nêu số lượng).",
        6,
    ),
]

# The coordination contact the roll-out letter gives the agencies it asks to install the
# banner, quoted as the letter gives it (with what became of the department in 2025).
LETTER_CONTACT = {
    "unit": "Phòng Quản lý Bưu chính – Sở Thông tin và Truyền thông",
    "person": "đ/c Hùng",
    "phone": "0915 351 008",
    "source": "Công văn của Sở Thông tin và Truyền thông tỉnh Thanh Hóa triển khai cẩm nang, tháng 9/2021, "
    "đoạn cuối",
    "since": "Từ ngày 01/3/2025, Sở Thông tin và Truyền thông hợp nhất vào Sở Khoa học và Công nghệ.",
}

BANNER = {
    "slug": "cam-nang-mua-ban-online",
    "title": "Cẩm nang mua bán hàng online – an toàn phòng chống dịch",
    "alt_text": (
        "Cẩm nang mua bán hàng online – an toàn phòng chống dịch, tỉnh Thanh Hóa: "
        "mua hàng thiết yếu và nông sản trên postmart.vn, voso.vn"
    ),
    "background": "#0b5d3b",
    # The master is a picture without words (campaigns.artwork): the portal writes them.
    "add_words": True,
}
