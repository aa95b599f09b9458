"""Reference data of the campaigns app, from the roll-out letter (September 2021) and
Plan 241/KH-UBND (10 November 2021). Loaded by `manage.py load_campaigns`.

Targets the plan states are copied as stated; where it gives none (trainings,
leaflets, social media) the department's working target is set here and says so in
`target_note`.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HANDBOOK = "cam-nang-mua-ban-hang-online"
PLAN = "nang-tam-gia-tri-nong-san"

CAMPAIGNS = [
    {
        "slug": HANDBOOK,
        "name": "Cẩm nang mua bán hàng online – an toàn phòng chống dịch",
        "message": "Mua bán online, hạn chế tiếp xúc – an toàn phòng chống dịch",
        "description": (
            "Sở Thông tin và Truyền thông phối hợp với Sở Công Thương, Sở Nông nghiệp và Phát triển "
            "nông thôn, Đài Phát thanh – Truyền hình tỉnh và các doanh nghiệp bưu chính xây dựng cẩm "
            "nang từ tháng 9/2021, giúp người dân đi chợ online, mua sắm trên sàn thương mại điện tử, "
            "siêu thị, cửa hàng và hạn chế tiếp xúc trực tiếp trong mùa dịch."
        ),
        "start_date": date(2021, 9, 1),
        "position": 1,
    },
    {
        "slug": PLAN,
        "name": "Nâng tầm giá trị nông sản tỉnh Thanh Hóa qua nền tảng thương mại số",
        "message": "Kinh tế số, xã hội số tại nông thôn",
        "description": (
            "Thông điệp của Kế hoạch số 241/KH-UBND ngày 10/11/2021 của UBND tỉnh về truyền thông hỗ "
            "trợ đưa hộ sản xuất nông nghiệp lên sàn thương mại điện tử postmart.vn và voso.vn, thúc "
            "đẩy phát triển kinh tế số nông nghiệp, nông thôn."
        ),
        "start_date": date(2021, 11, 10),
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


# Provincial units named in the letter and the plan, in the order the plan lists them.
UNITS = [
    Unit("so-tttt", "Sở Thông tin và Truyền thông", "Sở TT&TT", "department",
         website="https://stttt.thanhhoa.gov.vn/", partner_tag="so-tttt"),
    Unit("so-cong-thuong", "Sở Công Thương", "Sở Công Thương", "department", partner_tag="so-cong-thuong"),
    Unit("so-nn-ptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "department",
         partner_tag="so-nn-ptnt"),
    Unit("so-tai-chinh", "Sở Tài chính", "Sở Tài chính", "department", partner_tag="so-tai-chinh"),
    Unit("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh", "VP UBND tỉnh", "department",
         website="https://thanhhoa.gov.vn/", partner_tag="cong-thong-tin-tinh"),
    Unit("bao-thanh-hoa", "Báo Thanh Hóa", "Báo Thanh Hóa", "newspaper",
         website="https://baothanhhoa.vn/", partner_tag="bao-thanh-hoa"),
    Unit("dai-pt-th", "Đài Phát thanh và Truyền hình tỉnh", "Đài PT-TH tỉnh", "broadcaster",
         partner_tag="dai-pt-th"),
    Unit("buu-dien-tinh", "Bưu điện tỉnh Thanh Hóa", "Bưu điện tỉnh", "postal", submits_reports=True,
         partner_tag="buu-dien-tinh"),
    Unit("viettel-post", "Chi nhánh Bưu chính Viettel Thanh Hóa", "Viettel Post Thanh Hóa", "postal",
         submits_reports=True, partner_tag="viettel-post"),
]  # fmt: skip

DISTRICTS = "*districts"  # stands for the People's Committees of every district-level unit


def committee_slug(district_slug: str) -> str:
    return f"ubnd-{district_slug}"


def committee_name(district_name: str) -> str:
    """'Huyện Hà Trung' -> 'UBND huyện Hà Trung'."""
    return f"UBND {district_name[:1].lower()}{district_name[1:]}"


@dataclass(frozen=True)
class PlanActivity:
    slug: str
    channel: str
    title: str
    leads: list[str]
    coordinators: list[str]
    start: date
    target_count: int
    target_period: str
    target_note: str
    description: str
    position: int = 0
    extra: dict = field(default_factory=dict)


ACTIVITIES = [
    PlanActivity(
        "chuyen-muc-cong-thong-tin",
        "portal",
        "Chuyên mục hỗ trợ hộ sản xuất lên sàn trên Cổng thông tin điện tử tỉnh",
        ["van-phong-ubnd-tinh", "buu-dien-tinh", "viettel-post"],
        ["so-tttt", "so-cong-thuong", "so-nn-ptnt", DISTRICTS, "bao-thanh-hoa", "dai-pt-th"],
        date(2021, 11, 10),
        1,
        "month",
        "Kế hoạch: hàng tháng ít nhất 01 tin, bài có hình ảnh trên Cổng; Bưu điện tỉnh và Chi nhánh "
        "Bưu chính Viettel mỗi đơn vị ít nhất 01 tin, bài có hình ảnh mỗi tháng.",
        "Văn phòng UBND tỉnh lập chuyên mục trên Cổng thông tin điện tử tỉnh, liên kết với chuyên mục "
        "“Nông sản Việt” của Bộ Thông tin và Truyền thông; các đơn vị gửi tin, bài về hoạt động hỗ trợ "
        "hộ sản xuất lên sàn thương mại điện tử.",
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
        3,
    ),
    PlanActivity(
        "hoi-nghi-tap-huan",
        "training",
        "Hội nghị tập huấn, hướng dẫn hộ sản xuất lên sàn thương mại điện tử",
        ["buu-dien-tinh", "viettel-post", "so-tttt"],
        ["so-cong-thuong", "so-nn-ptnt", DISTRICTS],
        date(2021, 11, 1),
        1,
        "quarter",
        "Kế hoạch không nêu số lượng; chỉ tiêu theo dõi do Sở đặt: mỗi đơn vị chủ trì ít nhất 01 hội "
        "nghị tập huấn mỗi quý.",
        "Tập huấn kỹ năng số, đăng ký gian hàng và tài khoản thanh toán trực tuyến, quy trình đóng gói – "
        "kết nối – giao nhận; giải đáp vướng mắc cho hộ sản xuất.",
        4,
    ),
    PlanActivity(
        "to-roi-pano-bang-dien-tu",
        "print",
        "Tờ rơi, pano, áp phích, bản tin trên bảng điện tử",
        ["so-tttt", "so-cong-thuong", "so-nn-ptnt", DISTRICTS, "buu-dien-tinh", "viettel-post"],
        [],
        date(2021, 11, 1),
        1,
        "quarter",
        "Kế hoạch không nêu số lượng; chỉ tiêu theo dõi do Sở đặt: mỗi đơn vị chủ trì ít nhất 01 đợt "
        "phát hành (tờ rơi, pano, áp phích hoặc bản tin điện tử) mỗi quý.",
        "In ấn tờ rơi, pano, áp phích; đưa bản tin điện tử lên bảng điện tử công cộng của UBND cấp huyện.",
        5,
    ),
    PlanActivity(
        "mang-xa-hoi-livestream",
        "social",
        "Mạng xã hội, livestream bán hàng và xúc tiến thương mại",
        ["buu-dien-tinh", "viettel-post"],
        ["so-tttt", "so-cong-thuong", "so-nn-ptnt", DISTRICTS],
        date(2021, 11, 1),
        1,
        "month",
        "Kế hoạch không nêu số lượng; chỉ tiêu theo dõi do Sở đặt: mỗi doanh nghiệp bưu chính ít nhất "
        "01 hoạt động (livestream, bài trên fanpage, nhóm hướng dẫn, sự kiện xúc tiến) mỗi tháng.",
        "Lập fanpage, livestream bán hàng, nhóm hướng dẫn hộ sản xuất; tham gia xúc tiến thương mại "
        "trong và ngoài tỉnh.",
        6,
    ),
]

BANNER = {
    "slug": "cam-nang-mua-ban-online",
    "title": "Cẩm nang mua bán hàng online – an toàn phòng chống dịch",
    "alt_text": (
        "Cẩm nang mua bán hàng online – an toàn phòng chống dịch, tỉnh Thanh Hóa: "
        "mua hàng thiết yếu và nông sản trên postmart.vn, voso.vn"
    ),
    "background": "#0b5d3b",
}
