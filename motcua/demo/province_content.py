"""The demo province "Sơn Hà" (H99): its agency tree and one-stop desks, as plain data.

Invented for demonstration (no scraped data), shaped like a real province after 1 July 2025:
two tiers of local government (province and communes), the provincial departments as
restructured in 2025, vertically managed branches, and two former districts kept for history.
Agency codes follow QCVN 102:2016 (`V1V2V3.Z1Z2.Y1Y2.MX1X2`, province H99).

Other demo content (the catalog, staff) refers to agencies by these codes; the constants below
name the ones it needs.
"""

import datetime as dt
from dataclasses import dataclass

PROVINCE_NAME = "Sơn Hà"
PROVINCE = "000.00.00.H99"
PROVINCE_OFFICE = "000.00.01.H99"
SERVICE_CENTRE_AGENCY = "000.01.01.H99"
HOME_AFFAIRS = "000.00.03.H99"
FINANCE = "000.00.05.H99"
INDUSTRY_TRADE = "000.00.07.H99"
AGRICULTURE_ENVIRONMENT = "000.00.09.H99"
CONSTRUCTION = "000.00.11.H99"
SCIENCE_TECHNOLOGY = "000.00.13.H99"
JUSTICE = "000.00.15.H99"
CULTURE_SPORTS_TOURISM = "000.00.17.H99"
EDUCATION = "000.00.19.H99"
HEALTH = "000.00.21.H99"
FOREIGN_AFFAIRS = "000.00.23.H99"
ETHNIC_RELIGIOUS = "000.00.25.H99"
INSPECTORATE = "000.00.27.H99"
ECONOMIC_ZONES = "000.00.29.H99"
LAND_REGISTRATION = "000.09.09.H99"
LAND_REGISTRATION_BRANCH = "000.10.09.H99"
TRANSPORT_UNIT = "000.11.11.H99"
LABOUR_UNIT = "000.03.03.H99"
POLICE = "000.00.41.H99"
SOCIAL_INSURANCE = "000.00.43.H99"
TAX = "000.00.45.H99"
TREASURY = "000.00.47.H99"
FIRST_COMMUNE = "000.01.31.H99"

DISTRICT_ERA_START = dt.date(2018, 1, 1)
TWO_TIER_START = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    short_name: str
    level: str  # AgencyLevel value
    parent: str | None
    address: str = ""
    phone: str = ""
    email: str = ""
    admin_unit_code: str = ""
    valid_from: dt.date = TWO_TIER_START
    valid_to: dt.date | None = None
    successors: tuple[str, ...] = ()


def _dept(code: str, name: str, short: str, street: str, phone: str) -> AgencyRow:
    slug = short.lower().replace(" ", "").replace("đ", "d")
    return AgencyRow(
        code=code,
        name=name,
        short_name=short,
        level="department",
        parent=PROVINCE,
        address=f"{street}, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
        phone=phone,
        email=f"{slug}@sonha.gov.vn",
    )


PROVINCE_ROWS: tuple[AgencyRow, ...] = (
    AgencyRow(
        code=PROVINCE,
        name=f"UBND tỉnh {PROVINCE_NAME}",
        short_name="UBND tỉnh",
        level="province",
        parent=None,
        address=f"01 Quảng trường Trung tâm, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
        phone="02393855001",
        email="ubnd@sonha.gov.vn",
        admin_unit_code="99",
        valid_from=DISTRICT_ERA_START,
    ),
)

DEPARTMENT_ROWS: tuple[AgencyRow, ...] = (
    _dept(
        PROVINCE_OFFICE,
        "Văn phòng UBND tỉnh",
        "VP UBND",
        "01 Quảng trường Trung tâm",
        "02393855002",
    ),
    _dept(HOME_AFFAIRS, "Sở Nội vụ", "SNV", "12 Lê Lợi", "02393855003"),
    _dept(FINANCE, "Sở Tài chính", "STC", "14 Lê Lợi", "02393855005"),
    _dept(INDUSTRY_TRADE, "Sở Công Thương", "SCT", "20 Trần Phú", "02393855007"),
    _dept(
        AGRICULTURE_ENVIRONMENT,
        "Sở Nông nghiệp và Môi trường",
        "SNNMT",
        "35 Nguyễn Huệ",
        "02393855009",
    ),
    _dept(CONSTRUCTION, "Sở Xây dựng", "SXD", "41 Nguyễn Huệ", "02393855011"),
    _dept(
        SCIENCE_TECHNOLOGY, "Sở Khoa học và Công nghệ", "SKHCN", "8 Phan Chu Trinh", "02393855013"
    ),
    _dept(JUSTICE, "Sở Tư pháp", "STP", "16 Hai Bà Trưng", "02393855015"),
    _dept(
        CULTURE_SPORTS_TOURISM,
        "Sở Văn hóa, Thể thao và Du lịch",
        "SVHTTDL",
        "22 Hai Bà Trưng",
        "02393855017",
    ),
    _dept(EDUCATION, "Sở Giáo dục và Đào tạo", "SGDĐT", "5 Lý Thường Kiệt", "02393855019"),
    _dept(HEALTH, "Sở Y tế", "SYT", "9 Lý Thường Kiệt", "02393855021"),
    _dept(FOREIGN_AFFAIRS, "Sở Ngoại vụ", "SNgV", "3 Phan Đình Phùng", "02393855023"),
    _dept(ETHNIC_RELIGIOUS, "Sở Dân tộc và Tôn giáo", "SDTTG", "7 Phan Đình Phùng", "02393855025"),
    _dept(INSPECTORATE, "Thanh tra tỉnh", "TTr", "11 Phan Đình Phùng", "02393855027"),
    _dept(
        ECONOMIC_ZONES,
        "Ban Quản lý Khu kinh tế tỉnh",
        "BQLKKT",
        "Khu công nghiệp Bắc Sơn",
        "02393855029",
    ),
    AgencyRow(
        code=SERVICE_CENTRE_AGENCY,
        name=f"Trung tâm Phục vụ hành chính công tỉnh {PROVINCE_NAME}",
        short_name="TTPVHCC",
        level="unit",
        parent=PROVINCE_OFFICE,
        address=f"02 Quảng trường Trung tâm, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
        phone="02393855100",
        email="ttpvhcc@sonha.gov.vn",
    ),
    AgencyRow(
        code=LAND_REGISTRATION,
        name="Văn phòng Đăng ký đất đai tỉnh",
        short_name="VPĐKĐĐ",
        level="unit",
        parent=AGRICULTURE_ENVIRONMENT,
        address=f"37 Nguyễn Huệ, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
        phone="02393855090",
    ),
    AgencyRow(
        code=LAND_REGISTRATION_BRANCH,
        name="Chi nhánh Văn phòng Đăng ký đất đai khu vực Bắc Sơn",
        short_name="CNVPĐKĐĐ Bắc Sơn",
        level="unit",
        parent=LAND_REGISTRATION,
        address=f"Thôn Đông, xã Bắc Sơn, tỉnh {PROVINCE_NAME}",
        phone="02393855091",
    ),
    AgencyRow(
        code=TRANSPORT_UNIT,
        name="Phòng Quản lý vận tải, phương tiện và người lái",
        short_name="P.QLVT",
        level="unit",
        parent=CONSTRUCTION,
        address=f"41 Nguyễn Huệ, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
    ),
    AgencyRow(
        code=LABOUR_UNIT,
        name="Phòng Lao động – Việc làm",
        short_name="P.LĐVL",
        level="unit",
        parent=HOME_AFFAIRS,
        address=f"12 Lê Lợi, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
    ),
)

BRANCH_ROWS: tuple[AgencyRow, ...] = (
    AgencyRow(
        code=POLICE,
        name=f"Công an tỉnh {PROVINCE_NAME}",
        short_name="CA tỉnh",
        level="branch",
        parent=PROVINCE,
        address=f"50 Trần Hưng Đạo, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
        phone="02393855041",
    ),
    AgencyRow(
        code=SOCIAL_INSURANCE,
        name=f"Bảo hiểm xã hội tỉnh {PROVINCE_NAME}",
        short_name="BHXH",
        level="branch",
        parent=PROVINCE,
        address=f"60 Trần Hưng Đạo, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
        phone="02393855043",
    ),
    AgencyRow(
        code=TAX,
        name=f"Thuế tỉnh {PROVINCE_NAME}",
        short_name="Thuế tỉnh",
        level="branch",
        parent=PROVINCE,
        address=f"70 Trần Hưng Đạo, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
        phone="02393855045",
    ),
    AgencyRow(
        code=TREASURY,
        name=f"Kho bạc Nhà nước khu vực {PROVINCE_NAME}",
        short_name="KBNN",
        level="branch",
        parent=PROVINCE,
        address=f"80 Trần Hưng Đạo, phường Thành Sơn, tỉnh {PROVINCE_NAME}",
        phone="02393855047",
    ),
)

# (name, kind: "xã" or "phường", 5-digit administrative-unit code, former district 1 or 2).
# The codes use the 99xxx range, which no real commune of QĐ 19/2025 has.
COMMUNES: tuple[tuple[str, str, str, int], ...] = (
    ("Hòa An", "xã", "99001", 1),
    ("Thành Sơn", "phường", "99004", 1),
    ("Bắc Sơn", "xã", "99007", 1),
    ("Nam Sơn", "phường", "99010", 1),
    ("Đông Hà", "phường", "99013", 1),
    ("Tây Hà", "xã", "99016", 1),
    ("Phú Lộc", "xã", "99019", 1),
    ("Phú Thịnh", "xã", "99022", 1),
    ("Tân Lập", "xã", "99025", 1),
    ("Minh Khai", "phường", "99028", 1),
    ("Quang Trung", "phường", "99031", 1),
    ("Yên Bình", "xã", "99034", 1),
    ("Đồng Tâm", "xã", "99037", 1),
    ("Hưng Đạo", "phường", "99040", 1),
    ("Thanh Xuân", "xã", "99043", 1),
    ("Lạc Long", "xã", "99046", 2),
    ("Kim Sơn", "xã", "99049", 2),
    ("Ngọc Lâm", "xã", "99052", 2),
    ("Vĩnh Phúc", "xã", "99055", 2),
    ("Tiên Phong", "xã", "99058", 2),
    ("Hồng Phong", "xã", "99061", 2),
    ("Quảng Yên", "phường", "99064", 2),
    ("Đức Thắng", "xã", "99067", 2),
    ("Trường Xuân", "xã", "99070", 2),
    ("Sơn Thủy", "xã", "99073", 2),
    ("Đại Đồng", "xã", "99076", 2),
    ("Mường Lát", "xã", "99079", 2),
    ("Pù Nhi", "xã", "99082", 2),
    ("Bản Công", "xã", "99085", 2),
    ("Hải Tiến", "xã", "99088", 2),
)


def commune_code(n: int) -> str:
    """The agency code of the n-th commune's people's committee (1-based): 000.01.31.H99, …"""
    return f"000.{n:02d}.31.H99"


def commune_rows() -> tuple[AgencyRow, ...]:
    return tuple(
        AgencyRow(
            code=commune_code(n),
            name=f"UBND {kind} {name}",
            short_name=f"UBND {kind} {name}",
            level="commune",
            parent=PROVINCE,
            address=f"Trụ sở UBND {kind} {name}, tỉnh {PROVINCE_NAME}",
            admin_unit_code=unit_code,
        )
        for n, (name, kind, unit_code, _district) in enumerate(COMMUNES, start=1)
    )


DISTRICT_ROWS: tuple[AgencyRow, ...] = (
    AgencyRow(
        code="000.51.00.H99",
        name="UBND huyện Sơn Dương (đến 30/6/2025)",
        short_name="UBND huyện Sơn Dương",
        level="district",
        parent=PROVINCE,
        admin_unit_code="301",
        valid_from=DISTRICT_ERA_START,
        valid_to=TWO_TIER_START,
        successors=tuple(commune_code(n) for n, c in enumerate(COMMUNES, start=1) if c[3] == 1),
    ),
    AgencyRow(
        code="000.52.00.H99",
        name="UBND huyện Mường Sơn (đến 30/6/2025)",
        short_name="UBND huyện Mường Sơn",
        level="district",
        parent=PROVINCE,
        admin_unit_code="302",
        valid_from=DISTRICT_ERA_START,
        valid_to=TWO_TIER_START,
        successors=tuple(commune_code(n) for n, c in enumerate(COMMUNES, start=1) if c[3] == 2),
    ),
)


def agency_rows() -> tuple[AgencyRow, ...]:
    """Every agency, parents before children."""
    return PROVINCE_ROWS + DEPARTMENT_ROWS + BRANCH_ROWS + commune_rows() + DISTRICT_ROWS


SERVICE_CENTRE_DESK = "ttpvhcc"


def commune_desk_code(n: int) -> str:
    return f"mot-cua-xa-{n:02d}"
