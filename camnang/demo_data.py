"""Name lists and templates for the fictional demo directory (load_demo_data).

Everything here is invented for demonstration. Commune names are real units of the
province as they stood before July 2025, so that addresses read naturally; no shop
or producer described with them exists.
"""

from dataclasses import dataclass

SEED = 2021
DEMO_NOTE = "Dữ liệu minh họa, không phải cơ sở thật."
ALL_YEAR = tuple(range(1, 13))


def names(text: str) -> tuple[str, ...]:
    """A comma-separated list, possibly over several lines, as a tuple."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


def table(text: str) -> dict[str, tuple[str, ...]]:
    """Lines of "key: a, b, c"; an indented line continues the one above."""
    rows: dict[str, str] = {}
    key = None
    for line in text.strip().splitlines():
        if line.startswith(" ") and key:
            rows[key] += " " + line.strip()
        else:
            key, _, rest = line.partition(":")
            rows[key.strip()] = rest
    return {key: names(value) for key, value in rows.items()}


# --- Places -------------------------------------------------------------------

# Communes (pre-2025 units) by district slug, one district a line.
DISTRICT_COMMUNES = table("""
thanh-hoa: Phường Hàm Rồng, Phường Đông Thọ, Phường Nam Ngạn, Phường Trường Thi, Phường Điện Biên,
    Phường Phú Sơn, Phường Lam Sơn, Phường Ba Đình, Phường Ngọc Trạo, Phường Đông Vệ, Phường Đông Hương,
    Phường Quảng Thắng
bim-son: Phường Bắc Sơn, Phường Ba Đình, Phường Lam Sơn, Phường Ngọc Trạo, Phường Đông Sơn,
    Phường Phú Sơn, Xã Quang Trung
sam-son: Phường Trung Sơn, Phường Bắc Sơn, Phường Trường Sơn, Phường Quảng Cư, Phường Quảng Tiến,
    Xã Đại Hùng, Phường Quảng Thọ, Phường Quảng Châu, Phường Quảng Vinh
muong-lat: Thị trấn Mường Lát, Xã Tam Chung, Xã Mường Lý, Xã Trung Lý, Xã Quang Chiểu, Xã Pù Nhi,
    Xã Nhi Sơn, Xã Mường Chanh
quan-hoa: Thị trấn Hồi Xuân, Xã Trung Sơn, Xã Trung Thành, Xã Phú Lệ, Xã Phú Xuân, Xã Hiền Kiệt,
    Xã Nam Tiến, Xã Phú Nghiêm, Xã Nam Động
ba-thuoc: Thị trấn Cành Nàng, Xã Điền Hạ, Xã Thành Sơn, Xã Lương Nội, Xã Lương Trung, Xã Lũng Cao,
    Xã Cổ Lũng, Xã Văn Nho, Xã Thiết Kế
quan-son: Thị trấn Sơn Lư, Xã Trung Xuân, Xã Trung Thượng, Xã Trung Hạ, Xã Sơn Hà, Xã Sơn Thủy,
    Xã Na Mèo, Xã Sơn Điện, Xã Mường Mìn
lang-chanh: Thị trấn Lang Chánh, Xã Yên Khương, Xã Yên Thắng, Xã Trí Nang, Xã Giao An, Xã Giao Thiện,
    Xã Tam Văn, Xã Lâm Phú, Xã Đồng Lương
ngoc-lac: Thị trấn Ngọc Lặc, Xã Mỹ Tân, Xã Vân Âm, Xã Đồng Thịnh, Xã Ngọc Sơn, Xã Cao Thịnh,
    Xã Phùng Minh, Xã Kiên Thọ, Xã Minh Sơn
cam-thuy: Thị trấn Phong Sơn, Xã Cẩm Quý, Xã Cẩm Thạch, Xã Cẩm Giang, Xã Cẩm Tú, Xã Cẩm Tâm,
    Xã Cẩm Long, Xã Cẩm Tân, Xã Cẩm Vân
thach-thanh: Thị trấn Kim Tân, Thị trấn Vân Du, Xã Thạch Quảng, Xã Thạch Sơn, Xã Thạch Long,
    Xã Thành Vinh, Xã Thành Công, Xã Thành Tâm, Xã Thành Tiến
ha-trung: Thị trấn Hà Trung, Thị trấn Hà Lĩnh, Thị trấn Hà Long, Xã Hà Vinh, Xã Hà Bắc, Xã Hoạt Giang,
    Xã Yên Dương, Xã Lĩnh Toại, Xã Hà Ngọc, Xã Yến Sơn, Xã Hà Tiến, Xã Hà Hải
vinh-loc: Thị trấn Vĩnh Lộc, Xã Vĩnh Yên, Xã Vĩnh Tiến, Xã Vĩnh Long, Xã Vĩnh Hưng, Xã Vĩnh Hùng,
    Xã Minh Tân, Xã Ninh Khang, Xã Vĩnh An
yen-dinh: Thị trấn Quán Lào, Thị trấn Thống Nhất, Xã Yên Phú, Xã Yên Trung, Xã Yên Thái, Xã Yên Ninh,
    Xã Định Thành, Xã Định Tiến, Xã Định Bình
tho-xuan: Thị trấn Thọ Xuân, Thị trấn Lam Sơn, Xã Xuân Hồng, Xã Xuân Phong, Xã Xuân Hòa, Xã Xuân Sinh,
    Xã Thọ Xương, Xã Thọ Lập, Xã Trường Xuân
thuong-xuan: Thị trấn Thường Xuân, Xã Bát Mọt, Xã Xuân Lẹ, Xã Lương Sơn, Xã Luận Thành, Xã Xuân Thắng,
    Xã Xuân Dương, Xã Ngọc Phụng, Xã Tân Thành
trieu-son: Thị trấn Triệu Sơn, Thị trấn Nưa, Xã Hợp Lý, Xã Hợp Thắng, Xã Dân Quyền, Xã Đồng Thắng,
    Xã Thọ Dân, Xã Thọ Cường, Xã Bình Sơn
thieu-hoa: Thị trấn Thiệu Hóa, Thị trấn Hậu Hiền, Xã Thiệu Phúc, Xã Thiệu Long, Xã Thiệu Nguyên,
    Xã Thiệu Quang, Xã Thiệu Toán, Xã Thiệu Vận, Xã Thiệu Giao
hoang-hoa: Thị trấn Bút Sơn, Xã Hoằng Quỳ, Xã Hoằng Cát, Xã Hoằng Đức, Xã Hoằng Đồng, Xã Hoằng Lộc,
    Xã Hoằng Châu, Xã Hoằng Ngọc, Xã Hoằng Trường
hau-loc: Thị trấn Hậu Lộc, Xã Triệu Lộc, Xã Lộc Sơn, Xã Tuy Lộc, Xã Thuần Lộc, Xã Liên Lộc, Xã Hòa Lộc,
    Xã Hưng Lộc, Xã Ngư Lộc
nga-son: Thị trấn Nga Sơn, Xã Nga Văn, Xã Nga Phượng, Xã Nga Thanh, Xã Nga Hải, Xã Nga Phú, Xã Nga Tân,
    Xã Nga Thái, Xã Nga Trường
nhu-xuan: Thị trấn Yên Cát, Xã Xuân Hòa, Xã Hóa Quỳ, Xã Cát Tân, Xã Bình Lương, Xã Thanh Quân,
    Xã Thanh Hòa, Xã Thanh Lâm, Xã Thượng Ninh
nhu-thanh: Thị trấn Bến Sung, Xã Xuân Du, Xã Phượng Nghi, Xã Xuân Khang, Xã Phú Nhuận, Xã Xuân Thái,
    Xã Yên Thọ, Xã Yên Lạc, Xã Thanh Kỳ
nong-cong: Thị trấn Nông Cống, Xã Tân Khang, Xã Trung Thành, Xã Tế Nông, Xã Trường Trung, Xã Thăng Long,
    Xã Thăng Bình, Xã Thăng Thọ, Xã Yên Mỹ
dong-son: Thị trấn Rừng Thông, Xã Đông Hoàng, Xã Đông Ninh, Xã Đông Khê, Xã Đông Hòa, Xã Đông Yên,
    Xã Đông Minh, Xã Đông Thanh, Xã Đông Tiến, Xã Đông Văn
quang-xuong: Thị trấn Tân Phong, Xã Quảng Định, Xã Quảng Bình, Xã Quảng Long, Xã Quảng Khê,
    Xã Quảng Trường, Xã Quảng Hải, Xã Tiên Trang, Xã Quảng Thái
nghi-son: Phường Hải Hòa, Phường Hải Ninh, Phường Hải An, Phường Nguyên Bình, Phường Mai Lâm,
    Xã Định Hải, Xã Phú Lâm, Xã Tân Trường, Xã Hải Hà
""")
FALLBACK_COMMUNES = names("Xã Tân Lập, Xã Quang Trung, Xã Đồng Tâm, Xã Xuân Thành, Thị trấn Trung Tâm")

# Highland districts, where villages are "bản" rather than "thôn".
HIGHLAND_DISTRICTS = {"muong-lat", "quan-hoa", "quan-son", "ba-thuoc", "lang-chanh"}

STREETS = names("""
Lê Lợi, Trần Phú, Bà Triệu, Quang Trung, Lê Hoàn, Nguyễn Trãi, Phan Chu Trinh, Lý Thường Kiệt,
Hàm Nghi, Tống Duy Tân, Nguyễn Du, Lê Lai, Trần Hưng Đạo, Hai Bà Trưng, Đinh Công Tráng,
Lê Thánh Tông, Dương Đình Nghệ, Nguyễn Chí Thanh, Hoàng Văn Thụ, Phạm Ngũ Lão
""")
VILLAGES = names("""
Đông, Đoài, Trung, Thượng, Nam, Bắc, Tiền Phong, Đồng Tâm, Yên Thái, Phú Thọ, Bình Minh, Tân Lập,
Hợp Nhất, Xuân Thành, Đại Đồng, Phúc Hưng, Thành Công, Liên Sơn, Quyết Thắng, Hòa Bình
""")
HIGHLAND_VILLAGES = names("Khằm, Pọong, Mới, Chiềng, Na Hồ, Bôn, Đanh, Hang, Muống, Pha Đén, Co Cài, Nàng")

# --- People and business names --------------------------------------------------

FAMILY_NAMES = names("Nguyễn, Lê, Trịnh, Hoàng, Phạm, Đỗ, Mai, Vũ, Bùi, Đặng, Tống, Cao")
HIGHLAND_FAMILY_NAMES = names("Hà, Lò, Lương, Phạm, Cầm, Vi, Lữ, Bùi")
MALE_MIDDLE = names("Văn, Văn, Đình, Xuân, Hữu, Minh, Ngọc, Quang, Bá, Đức")
FEMALE_MIDDLE = names("Thị, Thị, Thị, Ngọc, Thu, Minh, Thanh")
MALE_GIVEN = names("""
Toản, Hùng, Dũng, Tuấn, Mạnh, Long, Thắng, Hải, Sơn, Quân, Cường, Tiến, Hưng, Lâm, Phong, Bình,
Khánh, Thành, Trung, Nam, Vinh, Định, Lợi, Kiên, Chiến, Tài
""")
FEMALE_GIVEN = names("""
Hằng, Hương, Lan, Oanh, Thủy, Nga, Hà, Mai, Liên, Thảo, Trang, Yến, Dung, Huyền, Loan, Nhung,
Phương, Tâm, Hạnh, Vân, Hoa, Linh, Thơm, Xuân, Hiền
""")
# Two-syllable trade names of the kind family businesses use.
TRADE_NAMES = names("""
Hồng Phát, Thành Đạt, Hưng Thịnh, Tân Phát, Phú Cường, Minh Phát, Đức Thịnh, Bình An, Phúc Lộc,
Kim Ngân, Việt Hưng, Tâm An, Thiên Phúc, Ngọc Bích, Hải Đăng, Quang Minh, Bảo Ngọc, Xuân Mai,
Đại Phát, Trường Thịnh, Vạn Phúc, Gia Bảo, Thuận Phát, Lam Hồng, Phú Gia, Hòa Thuận, An Phú,
Nam Việt
""")
PHARMACY_NAMES = names("""
Phúc An, Tâm Đức, Thiện Tâm, Bảo Châu, Minh Châu, Hồng Đức, An Bình, Hạnh Phúc, Khang Ninh,
Thanh Tâm, Đức Minh, Ngọc Lan, Hoài An, Nhân Hòa, Phúc Khang, An Tâm, Bình Minh, Hà Phương
""")

# --- Shops ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShopTemplate:
    """A name pattern and the categories that fit it.

    Placeholders: {brand} trade or couple name, {pharmacy} pharmacy name, {given} a
    stall keeper's given name, {place} the commune without its prefix, {commune}
    the commune with a lower-case prefix ("xã Hà Lĩnh").
    """

    pattern: str
    categories: tuple[str, ...]
    extra_categories: tuple[str, ...] = ()


SHOP_TEMPLATES = {
    "supermarket": (
        ShopTemplate(
            "Siêu thị mini {brand}",
            ("luong-thuc", "do-dung-gia-dinh"),
            ("thit-trung-sua", "rau-cu-qua", "do-uong"),
        ),
        ShopTemplate("Siêu thị {brand}", ("luong-thuc", "thit-trung-sua"), ("do-dung-gia-dinh", "do-uong")),
    ),
    "convenience": (
        ShopTemplate("Cửa hàng tiện lợi {brand}", ("do-uong",), ("do-dung-gia-dinh", "luong-thuc")),
        ShopTemplate("{brand} Mart", ("do-dung-gia-dinh",), ("do-uong", "thit-trung-sua")),
    ),
    "market": (
        ShopTemplate("Sạp rau {given} – chợ {place}", ("rau-cu-qua",)),
        ShopTemplate("Quầy thịt lợn {given} – chợ {place}", ("thit-trung-sua",)),
        ShopTemplate("Sạp cá {given} – chợ {place}", ("thuy-hai-san",)),
        ShopTemplate("Sạp gạo {given} – chợ {place}", ("luong-thuc",), ("dac-san-che-bien",)),
        ShopTemplate("Quầy hoa quả {given} – chợ {place}", ("rau-cu-qua",), ("do-uong",)),
        ShopTemplate("Sạp trứng gà vịt {given} – chợ {place}", ("thit-trung-sua",)),
    ),
    "pharmacy": (
        ShopTemplate("Nhà thuốc {pharmacy}", ("thuoc-vat-tu-y-te",), ("do-dung-gia-dinh",)),
        ShopTemplate("Quầy thuốc {pharmacy}", ("thuoc-vat-tu-y-te",)),
    ),
    "vnpost": (
        ShopTemplate(
            "Điểm bán hàng thiết yếu Bưu điện {commune}",
            ("luong-thuc", "dac-san-che-bien"),
            ("thit-trung-sua", "do-dung-gia-dinh"),
        ),
    ),
    "viettelpost": (
        ShopTemplate(
            "Điểm bán hàng Viettel Post {place}",
            ("luong-thuc", "dac-san-che-bien"),
            ("do-dung-gia-dinh", "rau-cu-qua"),
        ),
        ShopTemplate("Bưu cục Viettel Post {place}", ("dac-san-che-bien",), ("luong-thuc", "do-uong")),
    ),
    "household": (
        ShopTemplate("Tạp hóa {brand}", ("luong-thuc", "do-dung-gia-dinh"), ("do-uong", "dac-san-che-bien")),
        ShopTemplate("Tạp hóa {brand}", ("do-dung-gia-dinh",), ("do-uong", "gas-chat-dot")),
        ShopTemplate("Cửa hàng gạo {brand}", ("luong-thuc",), ("dac-san-che-bien",)),
        ShopTemplate("Cửa hàng gas {brand}", ("gas-chat-dot",), ("do-dung-gia-dinh",)),
        ShopTemplate("Vật tư nông nghiệp {brand}", ("vat-tu-nong-nghiep",)),
        ShopTemplate("Thực phẩm sạch {brand}", ("thit-trung-sua", "rau-cu-qua"), ("thuy-hai-san",)),
        ShopTemplate("Đại lý nước giải khát {brand}", ("do-uong",)),
        ShopTemplate("Đặc sản {brand}", ("dac-san-che-bien",), ("duoc-lieu-mat-ong",)),
    ),
    "coop_store": (
        ShopTemplate("Cửa hàng HTX dịch vụ nông nghiệp {place}", ("vat-tu-nong-nghiep",), ("luong-thuc",)),
        ShopTemplate("Cửa hàng nông sản HTX {place}", ("rau-cu-qua", "luong-thuc"), ("dac-san-che-bien",)),
        ShopTemplate("Cửa hàng thực phẩm an toàn HTX {place}", ("thit-trung-sua",), ("rau-cu-qua",)),
    ),
}
# A village post office ("bưu điện văn hóa xã") only exists in a commune.
VILLAGE_POST_OFFICE = "Bưu điện văn hóa xã {place}"

# Relative weights of shop kinds by district kind (city, town, rural).
SHOP_KIND_WEIGHTS = {
    "city": {
        "supermarket": 4,
        "convenience": 3,
        "market": 3,
        "pharmacy": 3,
        "vnpost": 1,
        "viettelpost": 1.5,
        "household": 4,
        "coop_store": 0.5,
    },
    "town": {
        "supermarket": 2,
        "convenience": 1.5,
        "market": 3,
        "pharmacy": 2.5,
        "vnpost": 1.5,
        "viettelpost": 1.5,
        "household": 4,
        "coop_store": 1,
    },
    "rural": {
        "supermarket": 1,
        "convenience": 0.5,
        "market": 3,
        "pharmacy": 2,
        "vnpost": 2,
        "viettelpost": 1,
        "household": 5,
        "coop_store": 1.5,
    },
}
# Every district starts with these, so each has a post point, a pharmacy and a grocer.
SHOP_KINDS_FIRST = ("vnpost", "pharmacy", "household", "market")
SHOPS_PER_DISTRICT = {"city": 14, "town": 13, "rural": 11}
PROVINCIAL_CITY = "thanh-hoa"
SHOPS_IN_PROVINCIAL_CITY = 32

OPENING_HOURS = {
    "supermarket": ("7:00 – 22:00", "7:30 – 21:30", "6:30 – 22:00"),
    "convenience": ("6:00 – 23:00", "Mở cửa 24/24", "6:30 – 22:30"),
    "market": ("5:00 – 11:00", "5:30 – 18:00", "4:30 – 10:30"),
    "pharmacy": ("7:00 – 21:30", "6:30 – 22:00", "7:00 – 21:00"),
    "vnpost": ("7:00 – 11:30, 13:30 – 17:00", "7:00 – 17:30"),
    "viettelpost": ("7:30 – 20:00", "7:00 – 19:00"),
    "household": ("6:00 – 21:00", "6:30 – 21:00", "6:30 – 22:00"),
    "coop_store": ("7:00 – 17:00", "6:30 – 18:00"),
}
HOME_DELIVERY_CHANCE = {
    "supermarket": 0.9,
    "convenience": 0.8,
    "market": 0.5,
    "pharmacy": 0.8,
    "vnpost": 0.9,
    "viettelpost": 0.9,
    "household": 0.6,
    "coop_store": 0.5,
}
DELIVERY_AREAS = (
    "Trong {commune} và vùng lân cận",
    "Toàn {district}, phí giao theo quãng đường",
    "Bán kính 3 km quanh cửa hàng",
    "Bán kính 5 km, miễn phí với đơn từ 200.000 đồng",
    "Trong {commune}; nơi khác gửi qua bưu điện",
)
SHOP_NOTE_EXTRAS = (
    "Nhận đặt hàng trước 16:00, giao trong ngày.",
    "Có sẵn túi hàng thiết yếu đóng gói theo suất.",
    "Ưu tiên giao cho người cao tuổi và hộ đang cách ly.",
    "Thanh toán khi nhận hàng hoặc chuyển khoản.",
    "Giao hàng không tiếp xúc, để hàng tại cổng.",
)

# --- Farm products -------------------------------------------------------------


@dataclass(frozen=True)
class ProductSpec:
    """One kind of farm product; {place} is the producer's commune, {brand} its trade name.

    `shape` and `colour` drive the placeholder photo; `districts`, when set, limits
    the product to the districts it is known from.
    """

    name: str
    category: str
    unit: str
    price: tuple[int, int]
    months: tuple[int, ...]
    shape: str
    colour: tuple[int, int, int]
    alt: str
    description: str
    districts: tuple[str, ...] = ()


PRODUCTS = {
    # Rice, grains and nuts
    "gao-nep": ProductSpec(
        name="Gạo nếp cái hoa vàng {place}",
        category="luong-thuc",
        unit="kg",
        price=(35000, 45000),
        months=(10, 11),
        shape="grains",
        colour=(246, 241, 226),
        alt="Ảnh minh họa: gạo nếp cái hoa vàng đựng trong bát gỗ",
        description=(
            "Hạt nếp tròn, trắng đục, đồ xôi dẻo và thơm. Lúa cấy vụ mùa trên chân ruộng phù sa, "
            "phơi khô tự nhiên trước khi xay."
        ),
    ),
    "gao-tam": ProductSpec(
        name="Gạo tám thơm {place}",
        category="luong-thuc",
        unit="kg",
        price=(22000, 28000),
        months=(6, 11),
        shape="grains",
        colour=(250, 248, 238),
        alt="Ảnh minh họa: gạo tám thơm trong bát gỗ",
        description="Gạo hạt dài, cơm mềm, có mùi thơm nhẹ. Xay xát theo đơn nên gạo luôn mới.",
    ),
    "gao-luc": ProductSpec(
        name="Gạo lứt đỏ {place}",
        category="luong-thuc",
        unit="kg",
        price=(30000, 40000),
        months=(6, 11),
        shape="grains",
        colour=(160, 82, 60),
        alt="Ảnh minh họa: gạo lứt đỏ trong bát gỗ",
        description=(
            "Gạo lứt giữ nguyên lớp cám, nhiều chất xơ. Hợp với người ăn kiêng, nấu cơm hoặc rang làm trà."
        ),
    ),
    "gao-nuong": ProductSpec(
        name="Gạo nương {place}",
        category="luong-thuc",
        unit="kg",
        price=(30000, 38000),
        months=(9, 10),
        shape="grains",
        colour=(236, 226, 200),
        alt="Ảnh minh họa: gạo nương hạt to đựng trong bát gỗ",
        description="Lúa nương trồng một vụ trên sườn đồi, không dùng phân hóa học. Hạt to, cơm dẻo, đậm vị.",
        districts=("muong-lat", "quan-hoa", "quan-son", "ba-thuoc", "lang-chanh", "thuong-xuan"),
    ),
    "bun-kho": ProductSpec(
        name="Bún gạo khô {brand}",
        category="luong-thuc",
        unit="gói 500 g",
        price=(18000, 25000),
        months=ALL_YEAR,
        shape="sticks",
        colour=(244, 240, 228),
        alt="Ảnh minh họa: bó bún gạo khô màu trắng buộc dây",
        description=(
            "Làm từ gạo tẻ địa phương, phơi nắng, "
            "không dùng chất tẩy trắng. Trụng nước sôi 3–5 phút là dùng được."
        ),
    ),
    "lac": ProductSpec(
        name="Lạc nhân đỏ {place}",
        category="luong-thuc",
        unit="kg",
        price=(50000, 65000),
        months=(5, 6, 9),
        shape="grains",
        colour=(176, 74, 58),
        alt="Ảnh minh họa: lạc nhân vỏ lụa đỏ trong bát gỗ",
        description=(
            "Lạc trồng trên đất cát pha ven sông, hạt chắc, vỏ lụa đỏ. Phơi khô, "
            "nhặt sạch hạt lép trước khi đóng bao."
        ),
    ),
    "vung": ProductSpec(
        name="Vừng đen {place}",
        category="luong-thuc",
        unit="kg",
        price=(70000, 90000),
        months=(8, 9),
        shape="grains",
        colour=(48, 42, 40),
        alt="Ảnh minh họa: vừng đen đựng trong bát gỗ",
        description="Vừng đen hạt mẩy, sàng sạch bụi và sạn. Dùng rang muối vừng, nấu chè hoặc ép dầu.",
    ),
    # Vegetables and fruit
    "rau-cai": ProductSpec(
        name="Rau cải ngọt an toàn {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(15000, 22000),
        months=(10, 11, 12, 1, 2, 3),
        shape="leaves",
        colour=(70, 150, 60),
        alt="Ảnh minh họa: bó rau cải ngọt xanh",
        description=(
            "Rau trồng trong nhà lưới theo quy trình VietGAP, tưới nước giếng khoan. Thu hái buổi sáng, "
            "giao trong ngày."
        ),
    ),
    "rau-muong": ProductSpec(
        name="Rau muống {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(10000, 15000),
        months=(4, 5, 6, 7, 8, 9),
        shape="leaves",
        colour=(60, 140, 50),
        alt="Ảnh minh họa: bó rau muống tươi",
        description="Rau muống trồng ruộng cạn, ngọn non giòn. Nhặt sẵn theo bó, rửa qua trước khi giao.",
    ),
    "su-hao": ProductSpec(
        name="Su hào {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(12000, 18000),
        months=(11, 12, 1, 2),
        shape="fruit",
        colour=(180, 210, 140),
        alt="Ảnh minh họa: củ su hào xanh còn cuống lá",
        description="Su hào củ vừa, vỏ mỏng, ăn giòn ngọt. Trồng vụ đông trên đất bãi ven sông.",
    ),
    "bi-do": ProductSpec(
        name="Bí đỏ hồ lô {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(12000, 18000),
        months=(3, 4, 5, 6),
        shape="fruit",
        colour=(226, 128, 40),
        alt="Ảnh minh họa: quả bí đỏ xếp trên mặt bàn",
        description="Bí già, ruột vàng đậm, bở và ngọt. Để được lâu ở nơi khô thoáng.",
    ),
    "dua-hau": ProductSpec(
        name="Dưa hấu {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(9000, 14000),
        months=(4, 5, 6),
        shape="fruit",
        colour=(56, 120, 52),
        alt="Ảnh minh họa: quả dưa hấu vỏ xanh đậm",
        description="Dưa trồng trên đất cát pha, ruột đỏ, ngọt mát. Mỗi quả từ 2 đến 4 kg.",
        districts=("nong-cong", "quang-xuong", "hoang-hoa", "nga-son", "trieu-son", "dong-son", "yen-dinh"),
    ),
    "cu-dau": ProductSpec(
        name="Củ đậu {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(10000, 15000),
        months=(7, 8, 9),
        shape="fruit",
        colour=(222, 204, 160),
        alt="Ảnh minh họa: củ đậu vỏ nâu nhạt",
        description="Củ đậu trồng bãi ven sông, nhiều nước, vị ngọt mát. Thu hoạch cuối hè.",
    ),
    "ca-chua": ProductSpec(
        name="Cà chua bi {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(25000, 35000),
        months=(12, 1, 2, 3),
        shape="fruit",
        colour=(214, 48, 40),
        alt="Ảnh minh họa: cà chua bi đỏ mọng",
        description="Cà chua bi trồng trong nhà màng, chín cây mới hái. Quả nhỏ, vỏ mỏng, vị chua ngọt.",
    ),
    "buoi": ProductSpec(
        name="Bưởi đường {place}",
        category="rau-cu-qua",
        unit="quả",
        price=(30000, 50000),
        months=(8, 9, 10, 11),
        shape="fruit",
        colour=(196, 206, 80),
        alt="Ảnh minh họa: quả bưởi vỏ xanh vàng còn lá",
        description=(
            "Bưởi vỏ mỏng, tép mọng nước, vị ngọt thanh. Trồng theo hướng hữu cơ, bón phân chuồng ủ hoai."
        ),
    ),
    "buoi-luan-van": ProductSpec(
        name="Bưởi Luận Văn {place}",
        category="rau-cu-qua",
        unit="quả",
        price=(50000, 80000),
        months=(8, 9, 10),
        shape="fruit",
        colour=(210, 200, 70),
        alt="Ảnh minh họa: quả bưởi Luận Văn vỏ vàng",
        description=(
            "Giống bưởi đặc sản của Thọ Xuân, múi vàng, ráo nước, ngọt đậm. Quả hái đúng độ chín, "
            "bảo quản được vài tuần."
        ),
        districts=("tho-xuan",),
    ),
    "cam": ProductSpec(
        name="Cam chanh {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(25000, 35000),
        months=(10, 11, 12),
        shape="fruit",
        colour=(240, 150, 30),
        alt="Ảnh minh họa: những quả cam chín xếp trên bàn",
        description="Cam mọng nước, vị ngọt đậm, thơm. Vườn trồng trên đất đồi, không phun thuốc kích thích.",
    ),
    "cam-van-du": ProductSpec(
        name="Cam Vân Du",
        category="rau-cu-qua",
        unit="kg",
        price=(30000, 45000),
        months=(11, 12, 1),
        shape="fruit",
        colour=(238, 160, 40),
        alt="Ảnh minh họa: cam Vân Du vỏ vàng cam",
        description=(
            "Cam trồng trên đất đồi Vân Du, vỏ mỏng, nhiều nước, ngọt đậm. Thu hoạch từ tháng 11 đến Tết."
        ),
        districts=("thach-thanh",),
    ),
    "oi": ProductSpec(
        name="Ổi găng {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(15000, 22000),
        months=(6, 7, 8, 9, 10),
        shape="fruit",
        colour=(170, 206, 100),
        alt="Ảnh minh họa: quả ổi găng xanh nhạt",
        description="Ổi giòn, ít hạt, thơm. Quả được bao túi từ khi còn nhỏ để hạn chế sâu bệnh.",
    ),
    "nhan": ProductSpec(
        name="Nhãn lồng {place}",
        category="rau-cu-qua",
        unit="kg",
        price=(30000, 45000),
        months=(7, 8),
        shape="cluster",
        colour=(196, 160, 100),
        alt="Ảnh minh họa: chùm nhãn lồng vỏ nâu vàng",
        description="Nhãn cùi dày, ráo, hạt nhỏ, vị ngọt sắc. Bẻ cả chùm, giao trong ngày để giữ độ tươi.",
    ),
    "dua": ProductSpec(
        name="Dứa Queen {place}",
        category="rau-cu-qua",
        unit="quả",
        price=(10000, 18000),
        months=(4, 5, 6),
        shape="fruit",
        colour=(222, 176, 50),
        alt="Ảnh minh họa: quả dứa chín vàng còn cuống lá",
        description="Dứa trồng trên đất đồi, mắt nông, thịt vàng, thơm. Chín tự nhiên trên cây.",
    ),
    "mia": ProductSpec(
        name="Mía tím {place}",
        category="rau-cu-qua",
        unit="cây",
        price=(12000, 18000),
        months=(11, 12, 1, 2),
        shape="sticks",
        colour=(110, 50, 80),
        alt="Ảnh minh họa: bó mía tím đã chặt khúc",
        description="Mía tím thân to, nhiều nước, ngọt thanh. Chặt khúc, róc sẵn theo yêu cầu.",
        districts=("ngoc-lac", "tho-xuan", "thach-thanh", "cam-thuy", "nhu-thanh", "trieu-son"),
    ),
    "mat-mia": ProductSpec(
        name="Mật mía {place}",
        category="dac-san-che-bien",
        unit="chai 1 lít",
        price=(40000, 55000),
        months=ALL_YEAR,
        shape="bottle",
        colour=(120, 60, 20),
        alt="Ảnh minh họa: chai mật mía màu nâu sẫm",
        description=(
            "Mật nấu từ nước mía ép, cô lửa nhỏ, không pha đường. Dùng kho cá, làm bánh, pha nước uống."
        ),
        districts=("ngoc-lac", "tho-xuan", "thach-thanh", "cam-thuy", "nhu-thanh"),
    ),
    "cay-giong-buoi": ProductSpec(
        name="Cây giống bưởi ghép {brand}",
        category="vat-tu-nong-nghiep",
        unit="cây",
        price=(35000, 60000),
        months=(1, 2, 3, 8, 9),
        shape="leaves",
        colour=(80, 140, 70),
        alt="Ảnh minh họa: cây giống bưởi trong bầu đất",
        description=(
            "Cây ghép mắt từ cây mẹ đầu dòng, cao 50–70 cm. Hướng dẫn kỹ thuật trồng và chăm sóc năm đầu."
        ),
    ),
    # Meat and eggs
    "ga-doi": ProductSpec(
        name="Gà đồi thả vườn {place}",
        category="thit-trung-sua",
        unit="kg",
        price=(110000, 150000),
        months=ALL_YEAR,
        shape="plate",
        colour=(236, 196, 140),
        alt="Ảnh minh họa: gà ta đã làm sạch đặt trên đĩa",
        description=(
            "Gà nuôi thả đồi trên 5 tháng, ăn ngô, thóc và rau xanh. Nhận làm sạch, đóng túi trước khi giao."
        ),
    ),
    "vit": ProductSpec(
        name="Vịt bầu {place}",
        category="thit-trung-sua",
        unit="kg",
        price=(80000, 100000),
        months=ALL_YEAR,
        shape="plate",
        colour=(230, 190, 150),
        alt="Ảnh minh họa: thịt vịt đã làm sạch trên đĩa",
        description="Vịt chạy đồng, thịt chắc, ít mỡ. Nhận làm sạch và chặt sẵn theo yêu cầu.",
    ),
    "vit-co-lung": ProductSpec(
        name="Vịt Cổ Lũng",
        category="thit-trung-sua",
        unit="kg",
        price=(120000, 150000),
        months=ALL_YEAR,
        shape="plate",
        colour=(226, 180, 130),
        alt="Ảnh minh họa: vịt Cổ Lũng đã làm sạch trên đĩa",
        description=(
            "Giống vịt bản địa của Bá Thước, nuôi thả suối, thịt thơm, săn chắc. Mỗi con từ 1,2 đến 1,6 kg."
        ),
        districts=("ba-thuoc",),
    ),
    "trung-ga": ProductSpec(
        name="Trứng gà ta {brand}",
        category="thit-trung-sua",
        unit="hộp 10 quả",
        price=(35000, 45000),
        months=ALL_YEAR,
        shape="eggs",
        colour=(222, 186, 140),
        alt="Ảnh minh họa: khay trứng gà ta vỏ nâu",
        description="Trứng gà nuôi thả, lòng đỏ đậm màu. Nhặt trong ngày, đóng hộp giấy để giao.",
    ),
    "trung-vit": ProductSpec(
        name="Trứng vịt {place}",
        category="thit-trung-sua",
        unit="chục",
        price=(30000, 38000),
        months=ALL_YEAR,
        shape="eggs",
        colour=(220, 230, 220),
        alt="Ảnh minh họa: khay trứng vịt vỏ trắng xanh",
        description="Trứng vịt chạy đồng, quả to đều. Dùng luộc, làm bánh hoặc muối trứng.",
    ),
    "de-nui": ProductSpec(
        name="Thịt dê núi {place}",
        category="thit-trung-sua",
        unit="kg",
        price=(250000, 320000),
        months=ALL_YEAR,
        shape="plate",
        colour=(170, 70, 60),
        alt="Ảnh minh họa: thịt dê tươi thái miếng trên đĩa",
        description="Dê thả núi đá vôi, ăn lá cây rừng, thịt săn, ít mỡ. Nhận đặt trước 1–2 ngày.",
        districts=("ha-trung", "bim-son", "nga-son", "vinh-loc", "thach-thanh", "cam-thuy"),
    ),
    "lon-ban": ProductSpec(
        name="Thịt lợn bản {place}",
        category="thit-trung-sua",
        unit="kg",
        price=(140000, 180000),
        months=ALL_YEAR,
        shape="plate",
        colour=(200, 110, 100),
        alt="Ảnh minh họa: thịt lợn bản thái miếng trên đĩa",
        description="Lợn đen nuôi thả quanh nhà sàn, ăn cám ngô, rau rừng. Thịt chắc, bì giòn.",
        districts=("muong-lat", "quan-hoa", "quan-son", "ba-thuoc", "lang-chanh", "thuong-xuan", "ngoc-lac"),
    ),
    "thit-trau-gac-bep": ProductSpec(
        name="Thịt trâu gác bếp {brand}",
        category="dac-san-che-bien",
        unit="gói 500 g",
        price=(450000, 550000),
        months=ALL_YEAR,
        shape="sticks",
        colour=(90, 40, 30),
        alt="Ảnh minh họa: những thanh thịt trâu gác bếp màu nâu sẫm",
        description="Thịt trâu tẩm mắc khén, gừng, ớt rồi hun khói trên gác bếp. Đóng túi hút chân không.",
        districts=("muong-lat", "quan-hoa", "quan-son", "ba-thuoc", "lang-chanh", "thuong-xuan"),
    ),
    # Fish and seafood
    "tom-he": ProductSpec(
        name="Tôm he {place}",
        category="thuy-hai-san",
        unit="kg",
        price=(280000, 400000),
        months=(4, 5, 6, 7, 8, 9),
        shape="fish",
        colour=(236, 150, 120),
        alt="Ảnh minh họa: tôm he tươi bày trên khay",
        description="Tôm đánh bắt ven bờ, ướp đá ngay trên thuyền. Loại 40–50 con mỗi cân.",
    ),
    "muc-kho": ProductSpec(
        name="Mực khô {place}",
        category="thuy-hai-san",
        unit="kg",
        price=(850000, 1100000),
        months=(3, 4, 5, 6, 7, 8),
        shape="fish",
        colour=(232, 200, 150),
        alt="Ảnh minh họa: mực khô xếp trên khay",
        description="Mực câu phơi hai nắng, thịt dày, ngọt. Loại 12–15 con mỗi cân.",
    ),
    "ca-thu": ProductSpec(
        name="Cá thu một nắng {place}",
        category="thuy-hai-san",
        unit="kg",
        price=(250000, 320000),
        months=(10, 11, 12, 1, 2, 3),
        shape="fish",
        colour=(150, 170, 190),
        alt="Ảnh minh họa: khúc cá thu một nắng trên khay",
        description=(
            "Cá thu cắt khúc, ướp muối nhạt, phơi một nắng. Đóng túi hút chân không, bảo quản ngăn đá."
        ),
    ),
    "cha-muc": ProductSpec(
        name="Chả mực {place}",
        category="thuy-hai-san",
        unit="kg",
        price=(280000, 350000),
        months=ALL_YEAR,
        shape="plate",
        colour=(232, 206, 150),
        alt="Ảnh minh họa: miếng chả mực vàng trên đĩa",
        description="Chả giã tay từ mực tươi, không pha bột. Rán vàng, giữ độ dai giòn.",
        districts=("sam-son", "hoang-hoa", "quang-xuong", "hau-loc", "nghi-son"),
    ),
    "ca-ro": ProductSpec(
        name="Cá rô đồng {place}",
        category="thuy-hai-san",
        unit="kg",
        price=(70000, 100000),
        months=(6, 7, 8, 9, 10, 11),
        shape="fish",
        colour=(110, 120, 90),
        alt="Ảnh minh họa: cá rô đồng tươi trên khay",
        description="Cá rô nuôi ruộng lúa, không dùng thức ăn công nghiệp. Giao cá sống hoặc làm sạch.",
    ),
    "ca-tram": ProductSpec(
        name="Cá trắm {place}",
        category="thuy-hai-san",
        unit="kg",
        price=(55000, 75000),
        months=ALL_YEAR,
        shape="fish",
        colour=(120, 130, 110),
        alt="Ảnh minh họa: cá trắm tươi trên khay",
        description="Cá trắm nuôi ao nước sạch, thịt chắc. Mỗi con từ 2 đến 4 kg.",
    ),
    "ca-dam-xanh": ProductSpec(
        name="Cá dầm xanh sông Mã",
        category="thuy-hai-san",
        unit="kg",
        price=(300000, 400000),
        months=ALL_YEAR,
        shape="fish",
        colour=(90, 130, 130),
        alt="Ảnh minh họa: cá dầm xanh tươi trên khay",
        description="Cá nuôi lồng trên sông Mã, thịt trắng, ngọt, ít xương dăm. Giao cá sống trong ngày.",
        districts=("cam-thuy", "ba-thuoc"),
    ),
    "nuoc-mam": ProductSpec(
        name="Nước mắm cá cơm {place}",
        category="dac-san-che-bien",
        unit="chai 500 ml",
        price=(45000, 85000),
        months=ALL_YEAR,
        shape="bottle",
        colour=(170, 90, 30),
        alt="Ảnh minh họa: chai nước mắm màu cánh gián",
        description=(
            "Nước mắm ủ chượp từ cá cơm và muối biển trong chum gỗ trên 12 tháng. Độ đạm cao, "
            "vị mặn hậu ngọt."
        ),
        districts=("sam-son", "hoang-hoa", "quang-xuong", "hau-loc", "nga-son", "nghi-son"),
    ),
    "ruoc-tom": ProductSpec(
        name="Ruốc tôm {place}",
        category="dac-san-che-bien",
        unit="hộp 200 g",
        price=(120000, 160000),
        months=ALL_YEAR,
        shape="jar",
        colour=(226, 140, 100),
        alt="Ảnh minh họa: hộp ruốc tôm màu cam",
        description="Ruốc làm từ tôm tươi, xào khô trên chảo gang. Ăn với cơm, cháo hoặc xôi.",
        districts=("sam-son", "hoang-hoa", "quang-xuong", "hau-loc", "nghi-son"),
    ),
    "mam-tep": ProductSpec(
        name="Mắm tép Hà Yên",
        category="dac-san-che-bien",
        unit="hộp 500 g",
        price=(55000, 80000),
        months=ALL_YEAR,
        shape="jar",
        colour=(200, 110, 110),
        alt="Ảnh minh họa: hũ mắm tép màu hồng",
        description=(
            "Tép đồng ướp muối, thính gạo rang theo cách làm truyền thống, "
            "ủ 2–3 tháng. Dùng chưng thịt hoặc làm nước chấm."
        ),
        districts=("ha-trung",),
    ),
    # Processed specialities
    "nem-chua": ProductSpec(
        name="Nem chua {brand}",
        category="dac-san-che-bien",
        unit="chục (10 chiếc)",
        price=(25000, 35000),
        months=ALL_YEAR,
        shape="parcels",
        colour=(90, 150, 70),
        alt="Ảnh minh họa: những chiếc nem chua gói lá chuối",
        description=(
            "Nem làm từ thịt lợn nạc, bì, tỏi, ớt, "
            "gói lá chuối; chín tự nhiên sau 3 ngày. Không dùng chất bảo quản."
        ),
        districts=("thanh-hoa", "dong-son", "ha-trung", "bim-son", "sam-son", "hoang-hoa"),
    ),
    "che-lam": ProductSpec(
        name="Chè lam Phủ Quảng",
        category="dac-san-che-bien",
        unit="hộp 500 g",
        price=(55000, 80000),
        months=ALL_YEAR,
        shape="parcels",
        colour=(214, 186, 140),
        alt="Ảnh minh họa: bánh chè lam cắt miếng vuông",
        description=(
            "Chè lam làm từ gạo nếp, mật mía, gừng, lạc rang, cắt miếng vuông. Dẻo, thơm, hợp dùng với trà."
        ),
        districts=("vinh-loc",),
    ),
    "banh-gai": ProductSpec(
        name="Bánh gai Tứ Trụ",
        category="dac-san-che-bien",
        unit="hộp 10 chiếc",
        price=(55000, 75000),
        months=ALL_YEAR,
        shape="parcels",
        colour=(60, 50, 40),
        alt="Ảnh minh họa: bánh gai gói lá chuối khô",
        description=(
            "Bánh làm từ lá gai, gạo nếp, nhân đậu xanh, dừa và mỡ, gói lá chuối khô. Để được 5–7 ngày."
        ),
        districts=("tho-xuan",),
    ),
    "banh-rang-bua": ProductSpec(
        name="Bánh răng bừa {place}",
        category="dac-san-che-bien",
        unit="chục",
        price=(30000, 40000),
        months=ALL_YEAR,
        shape="parcels",
        colour=(120, 170, 90),
        alt="Ảnh minh họa: bánh răng bừa gói lá dong",
        description=(
            "Bánh làm từ bột gạo tẻ, nhân thịt, mộc nhĩ, gói lá dong. Hấp chín, ăn nóng với nước mắm ớt."
        ),
        districts=("quang-xuong", "dong-son", "thieu-hoa", "nong-cong"),
    ),
    "bot-san-day": ProductSpec(
        name="Bột sắn dây {place}",
        category="do-uong",
        unit="hộp 500 g",
        price=(120000, 160000),
        months=(1, 2, 3),
        shape="jar",
        colour=(246, 246, 240),
        alt="Ảnh minh họa: hũ bột sắn dây trắng mịn",
        description=(
            "Sắn dây đào vào mùa khô, lọc tinh bột nhiều lần bằng nước sạch. Pha nước uống mát, "
            "tốt cho mùa hè."
        ),
    ),
    # Tea, honey and medicinal plants
    "che-xanh": ProductSpec(
        name="Chè xanh tươi {place}",
        category="do-uong",
        unit="kg",
        price=(20000, 30000),
        months=(4, 5, 6, 7, 8, 9, 10),
        shape="leaves",
        colour=(50, 120, 50),
        alt="Ảnh minh họa: bó lá chè xanh tươi",
        description="Chè trồng trên đồi, hái lá bánh tẻ vào buổi sáng. Nấu nước uống thơm, chát dịu.",
    ),
    "che-bup": ProductSpec(
        name="Chè búp khô {brand}",
        category="do-uong",
        unit="gói 200 g",
        price=(80000, 120000),
        months=ALL_YEAR,
        shape="jar",
        colour=(70, 90, 50),
        alt="Ảnh minh họa: hũ chè búp khô xoăn màu xanh đen",
        description="Búp chè một tôm hai lá, sao tay trên chảo gang. Nước xanh, vị chát dịu, hậu ngọt.",
    ),
    "mat-ong-rung": ProductSpec(
        name="Mật ong rừng {place}",
        category="duoc-lieu-mat-ong",
        unit="chai 500 ml",
        price=(250000, 350000),
        months=(3, 4, 5),
        shape="bottle",
        colour=(200, 120, 20),
        alt="Ảnh minh họa: chai mật ong rừng màu hổ phách",
        description="Mật ong khai thác từ đàn ong nuôi ven rừng tự nhiên. Mật sánh, thơm mùi hoa rừng.",
        districts=(
            "muong-lat",
            "quan-hoa",
            "quan-son",
            "ba-thuoc",
            "lang-chanh",
            "thuong-xuan",
            "nhu-xuan",
            "nhu-thanh",
            "ngoc-lac",
        ),
    ),
    "mat-ong-nhan": ProductSpec(
        name="Mật ong hoa nhãn {brand}",
        category="duoc-lieu-mat-ong",
        unit="chai 500 ml",
        price=(170000, 220000),
        months=(4, 5),
        shape="jar",
        colour=(214, 150, 40),
        alt="Ảnh minh họa: hũ mật ong hoa nhãn vàng sánh",
        description="Mật quay vào mùa hoa nhãn, lọc sạch sáp, không pha đường. Mật vàng sáng, thơm mùi nhãn.",
    ),
    "tinh-bot-nghe": ProductSpec(
        name="Tinh bột nghệ {brand}",
        category="duoc-lieu-mat-ong",
        unit="hộp 500 g",
        price=(250000, 320000),
        months=ALL_YEAR,
        shape="jar",
        colour=(236, 180, 30),
        alt="Ảnh minh họa: hũ tinh bột nghệ màu vàng tươi",
        description=(
            "Nghệ vàng trồng tại địa phương, xay, "
            "lọc tách tinh dầu và sấy lạnh. Dùng pha với mật ong hoặc sữa."
        ),
    ),
    "que": ProductSpec(
        name="Quế Thường Xuân",
        category="duoc-lieu-mat-ong",
        unit="kg",
        price=(80000, 120000),
        months=(3, 4, 8, 9),
        shape="sticks",
        colour=(140, 80, 40),
        alt="Ảnh minh họa: bó thanh quế khô màu nâu đỏ",
        description="Vỏ quế bóc từ cây trên 10 năm tuổi, phơi khô tự nhiên. Thơm cay, nhiều tinh dầu.",
        districts=("thuong-xuan",),
    ),
    "tinh-dau-sa": ProductSpec(
        name="Tinh dầu sả chanh {brand}",
        category="duoc-lieu-mat-ong",
        unit="chai 100 ml",
        price=(60000, 90000),
        months=ALL_YEAR,
        shape="bottle",
        colour=(220, 210, 120),
        alt="Ảnh minh họa: lọ tinh dầu sả chanh màu vàng nhạt",
        description=(
            "Chưng cất từ sả chanh trồng tại địa phương. Dùng xông phòng, đuổi muỗi, pha nước lau nhà."
        ),
    ),
    "ca-gai-leo": ProductSpec(
        name="Cà gai leo sấy khô {brand}",
        category="duoc-lieu-mat-ong",
        unit="gói 500 g",
        price=(80000, 120000),
        months=ALL_YEAR,
        shape="leaves",
        colour=(110, 120, 60),
        alt="Ảnh minh họa: cà gai leo thái khúc, sấy khô",
        description="Cà gai leo trồng theo hướng hữu cơ, thái khúc, sấy khô. Dùng hãm nước uống hằng ngày.",
    ),
    "mang-kho": ProductSpec(
        name="Măng khô {place}",
        category="dac-san-che-bien",
        unit="kg",
        price=(250000, 350000),
        months=(4, 5, 6, 7, 8),
        shape="sticks",
        colour=(170, 130, 70),
        alt="Ảnh minh họa: măng khô xé sợi màu vàng nâu",
        description=(
            "Măng nứa rừng luộc chín, phơi nắng và gác bếp cho khô đều. Ngâm nước vo gạo trước khi nấu."
        ),
        districts=(
            "muong-lat",
            "quan-hoa",
            "quan-son",
            "ba-thuoc",
            "lang-chanh",
            "thuong-xuan",
            "nhu-xuan",
            "ngoc-lac",
        ),
    ),
}


# --- Producers -----------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    """What a producer makes: its name patterns, products, scene and blurbs."""

    cooperative: tuple[str, ...]
    coop_group: str
    household: str
    business: tuple[str, ...]
    products: tuple[str, ...]
    scene: str
    photo_alt: str
    blurbs: tuple[str, ...]


THEMES = {
    "rice": Theme(
        ("HTX dịch vụ nông nghiệp {place}", "HTX sản xuất lúa gạo {place}"),
        "Tổ hợp tác sản xuất lúa {place}",
        "Hộ trồng lúa {person}",
        ("Công ty TNHH Nông sản {brand}", "Cơ sở xay xát gạo {brand}"),
        ("gao-nep", "gao-tam", "gao-luc", "bun-kho", "lac", "vung"),
        "field",
        "Ảnh minh họa: cánh đồng lúa chín vàng dưới trời xanh",
        (
            "Canh tác khoảng {area} ha lúa theo hướng hữu cơ, phơi sấy và xay xát tại chỗ.",
            "Lúa được cấy một giống trên cả cánh đồng, thu hoạch đúng độ chín để giữ hương vị.",
        ),
    ),
    "vegetables": Theme(
        ("HTX rau an toàn {place}", "HTX nông nghiệp công nghệ cao {place}"),
        "Tổ hợp tác rau an toàn {place}",
        "Hộ trồng rau {person}",
        ("Công ty TNHH Nông nghiệp xanh {brand}",),
        ("rau-cai", "rau-muong", "su-hao", "bi-do", "dua-hau", "cu-dau", "ca-chua"),
        "rows",
        "Ảnh minh họa: những luống rau xanh trong vườn",
        (
            "Trồng {area} ha rau theo quy trình VietGAP, có nhà lưới và hệ thống tưới nhỏ giọt.",
            "Rau được thu hái theo đơn, sơ chế và đóng túi ngay tại vườn.",
        ),
    ),
    "fruit": Theme(
        ("HTX cây ăn quả {place}", "HTX nông nghiệp {place}"),
        "Tổ hợp tác trồng cây ăn quả {place}",
        "Hộ trồng cây ăn quả {person}",
        ("Công ty TNHH Trang trại {brand}",),
        (
            "buoi-luan-van",
            "cam-van-du",
            "mia",
            "mat-mia",
            "buoi",
            "cam",
            "oi",
            "nhan",
            "dua",
            "cay-giong-buoi",
        ),
        "orchard",
        "Ảnh minh họa: vườn cây ăn quả đang vào mùa",
        (
            "Vườn rộng khoảng {area} ha trên đất đồi, bón phân hữu cơ và bao quả chống sâu.",
            "Quả được hái khi chín tới, phân loại và đóng thùng ngay tại vườn.",
        ),
    ),
    "livestock": Theme(
        ("HTX chăn nuôi {place}",),
        "Tổ hợp tác chăn nuôi {place}",
        "Hộ chăn nuôi {person}",
        ("Công ty TNHH Chăn nuôi {brand}",),
        ("vit-co-lung", "de-nui", "ga-doi", "vit", "trung-ga", "trung-vit"),
        "barn",
        "Ảnh minh họa: đàn gà thả vườn bên chuồng trại",
        (
            "Đàn vật nuôi khoảng {herd} con, chăn thả tự nhiên, tiêm phòng đầy đủ.",
            "Chuồng trại được khử trùng định kỳ, thức ăn chủ yếu là ngô, thóc và rau xanh.",
        ),
    ),
    "highland": Theme(
        ("HTX nông lâm nghiệp {place}",),
        "Tổ hợp tác nông sản vùng cao {place}",
        "Hộ sản xuất {person}",
        ("Công ty TNHH Đặc sản vùng cao {brand}",),
        ("que", "gao-nuong", "lon-ban", "thit-trau-gac-bep", "mang-kho", "mat-ong-rung"),
        "hills",
        "Ảnh minh họa: nhà sàn bên sườn đồi xanh",
        (
            "Sản phẩm do bà con các bản làm ra theo cách truyền thống, gom về một đầu mối để bán.",
            "Nông sản được thu hái trên nương và ven rừng, sơ chế, phơi sấy tại bản.",
        ),
    ),
    "seafood": Theme(
        ("HTX dịch vụ hải sản {place}", "HTX chế biến hải sản {place}"),
        "Tổ hợp tác khai thác hải sản {place}",
        "Hộ chế biến hải sản {person}",
        ("Công ty TNHH Hải sản {brand}", "Cơ sở chế biến nước mắm {brand}"),
        ("nuoc-mam", "tom-he", "muc-kho", "ca-thu", "ruoc-tom", "cha-muc"),
        "sea",
        "Ảnh minh họa: thuyền đánh cá neo trên biển",
        (
            "Có {boats} thuyền đánh bắt ven bờ, hải sản được sơ chế ngay khi về bến.",
            "Xưởng chế biến đạt điều kiện an toàn thực phẩm, sản phẩm có tem truy xuất nguồn gốc.",
        ),
    ),
    "freshwater": Theme(
        ("HTX thủy sản {place}",),
        "Tổ hợp tác nuôi cá {place}",
        "Hộ nuôi cá {person}",
        ("Công ty TNHH Thủy sản {brand}",),
        ("ca-dam-xanh", "ca-ro", "ca-tram", "trung-vit"),
        "pond",
        "Ảnh minh họa: ao nuôi cá giữa cánh đồng",
        (
            "Nuôi cá trên {area} ha mặt nước, thay nước định kỳ, không dùng kháng sinh.",
            "Cá được đánh bắt theo đơn và giao sống trong ngày.",
        ),
    ),
    "processed": Theme(
        ("HTX chế biến nông sản {place}",),
        "Tổ hợp tác chế biến thực phẩm {place}",
        "Hộ chế biến thực phẩm {person}",
        ("Công ty TNHH Thực phẩm {brand}", "Cơ sở chế biến đặc sản {brand}"),
        ("nem-chua", "che-lam", "banh-gai", "mam-tep", "banh-rang-bua", "bot-san-day", "mat-mia"),
        "workshop",
        "Ảnh minh họa: bàn gói bánh trong xưởng sản xuất",
        (
            "Sản phẩm làm thủ công theo công thức gia truyền, nguyên liệu mua tại địa phương.",
            "Xưởng có giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm, đóng gói có nhãn mác.",
        ),
    ),
    "honey": Theme(
        ("HTX nuôi ong {place}",),
        "Tổ hợp tác nuôi ong {place}",
        "Hộ nuôi ong {person}",
        ("Công ty TNHH Mật ong {brand}",),
        ("mat-ong-rung", "mat-ong-nhan", "tinh-bot-nghe"),
        "beehives",
        "Ảnh minh họa: những thùng ong đặt dưới tán cây",
        (
            "Nuôi khoảng {hives} đàn ong, di chuyển theo mùa hoa nhãn, hoa rừng.",
            "Mật được quay, lọc và đóng chai ngay tại trại, không pha đường.",
        ),
    ),
    "herbs": Theme(
        ("HTX dược liệu {place}",),
        "Tổ hợp tác trồng dược liệu {place}",
        "Hộ trồng dược liệu {person}",
        ("Công ty TNHH Dược liệu {brand}",),
        ("que", "ca-gai-leo", "tinh-dau-sa", "tinh-bot-nghe", "che-bup", "che-xanh"),
        "hills",
        "Ảnh minh họa: vườn dược liệu trên sườn đồi",
        (
            "Trồng {area} ha cây dược liệu dưới tán rừng, không dùng thuốc bảo vệ thực vật.",
            "Dược liệu được sơ chế, sấy khô và đóng gói tại xưởng của cơ sở.",
        ),
    ),
}

# What each district's producers make, main line first.
DISTRICT_THEMES = {
    "thanh-hoa": ("processed", "vegetables", "livestock"),
    "bim-son": ("vegetables", "fruit", "livestock"),
    "sam-son": ("seafood", "processed"),
    "muong-lat": ("highland", "honey"),
    "quan-hoa": ("highland", "herbs", "honey"),
    "ba-thuoc": ("livestock", "highland", "freshwater"),
    "quan-son": ("highland", "herbs"),
    "lang-chanh": ("highland", "honey"),
    "ngoc-lac": ("fruit", "livestock", "highland"),
    "cam-thuy": ("freshwater", "fruit"),
    "thach-thanh": ("fruit", "livestock"),
    "ha-trung": ("processed", "livestock", "rice"),
    "vinh-loc": ("processed", "fruit", "rice"),
    "yen-dinh": ("rice", "vegetables", "livestock"),
    "tho-xuan": ("fruit", "processed", "rice"),
    "thuong-xuan": ("highland", "herbs", "honey"),
    "trieu-son": ("fruit", "rice", "vegetables"),
    "thieu-hoa": ("rice", "vegetables"),
    "hoang-hoa": ("seafood", "rice", "vegetables"),
    "hau-loc": ("seafood", "rice"),
    "nga-son": ("seafood", "vegetables", "rice"),
    "nhu-xuan": ("herbs", "honey", "fruit"),
    "nhu-thanh": ("fruit", "honey", "herbs"),
    "nong-cong": ("vegetables", "rice", "livestock"),
    "dong-son": ("vegetables", "processed", "rice"),
    "quang-xuong": ("seafood", "vegetables", "processed"),
    "nghi-son": ("seafood", "fruit"),
}
FALLBACK_THEMES = ("rice", "vegetables", "livestock")
PRODUCERS_PER_DISTRICT = 3
# Farming districts with one producer more.
BUSY_FARM_DISTRICTS = {
    "thanh-hoa",
    "ha-trung",
    "tho-xuan",
    "hoang-hoa",
    "nga-son",
    "thieu-hoa",
    "yen-dinh",
    "ba-thuoc",
    "thach-thanh",
    "nghi-son",
    "quang-xuong",
    "trieu-son",
}

PRODUCER_KIND_WEIGHTS = {"household": 4, "cooperative": 3, "coop_group": 1.5, "small_business": 1.5}
PRODUCER_INTROS = {
    "household": "Hộ gia đình {honorific} {person} ở {address}, {commune}, {district}.",
    "cooperative": "Hợp tác xã có {members} thành viên, hoạt động tại {commune}, {district}.",
    "coop_group": "Tổ hợp tác gồm {households} hộ ở {commune}, {district}, cùng sản xuất và bán chung.",
    "small_business": "Doanh nghiệp nhỏ thành lập năm {year}, có xưởng tại {commune}, {district}.",
}
PRODUCER_SALES = (
    "Nhận đặt hàng qua điện thoại và Zalo, gửi hàng qua bưu điện.",
    "Hàng được đóng gói, dán tem truy xuất nguồn gốc trước khi giao.",
    "Bán lẻ tại nhà và gửi hàng đi các tỉnh qua Viettel Post, Bưu điện.",
)
PRODUCT_EXTRAS = (
    "Đặt trước 1–2 ngày để có hàng đúng ngày.",
    "Giao hàng toàn tỉnh qua đường bưu điện.",
    "Giá có thể thay đổi theo mùa vụ.",
)

# Background colours of placeholder photos, by category.
CATEGORY_COLOURS = {
    "luong-thuc": (232, 214, 170),
    "rau-cu-qua": (190, 222, 170),
    "thit-trung-sua": (240, 200, 190),
    "thuy-hai-san": (176, 210, 232),
    "dac-san-che-bien": (240, 200, 150),
    "do-uong": (186, 226, 210),
    "duoc-lieu-mat-ong": (244, 222, 150),
    "vat-tu-nong-nghiep": (200, 196, 150),
}
DEFAULT_COLOUR = (220, 220, 210)
