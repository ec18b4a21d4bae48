"""The demo province's people: staff accounts per role and a few citizens, as plain data.

Every name, phone number, personal ID number and tax code is invented; the identifiers are built
to pass the validators in `motcua.accounts.validators` (tests check it). Staff usernames are
ASCII and tell the role and the agency: `<role>.<agency><n>`, e.g. `chuyenvien.stp1` is the first
specialist of Sở Tư pháp. Citizens log in with their personal ID number or tax code.
"""

import datetime as dt
from dataclasses import dataclass

from motcua.demo.province_content import (
    AGRICULTURE_ENVIRONMENT,
    CONSTRUCTION,
    FIRST_COMMUNE,
    INSPECTORATE,
    JUSTICE,
    LAND_REGISTRATION,
    POLICE,
    PROVINCE,
    PROVINCE_OFFICE,
    SERVICE_CENTRE_AGENCY,
    SERVICE_CENTRE_DESK,
    TAX,
    commune_code,
    commune_desk_code,
)

# DEMO ONLY. Every demo account (staff and citizens) shares this password, printed by
# `manage.py demo_accounts`. Never load the demo data into a production database.
DEMO_PASSWORD = "motcua-demo-2026"  # noqa: S105  (a published demo password, not a secret)

STAFF_EMAIL_DOMAIN = "sonha.gov.vn"

# The system administrator: a Django superuser (the admin site) and province admin of H99.
ADMIN_USERNAME = "quantri"
ADMIN_FULL_NAME = "Quản trị hệ thống tỉnh Sơn Hà"


@dataclass(frozen=True)
class StaffRow:
    username: str
    full_name: str
    phone: str  # mobile, national format
    role: str  # Role value
    agency: str  # agency code
    desk: str | None = None  # desk code, desk officers only
    title: str = ""  # the position, for people reading the demo data

    @property
    def email(self) -> str:
        return f"{self.username}@{STAFF_EMAIL_DOMAIN}"


_SECOND_COMMUNE = commune_code(2)

STAFF: tuple[StaffRow, ...] = (
    # Desk officers (cán bộ một cửa): the provincial service centre and two commune centres.
    StaffRow(
        "tiepnhan.ttpvhcc1",
        "Nguyễn Thị Thu Trang",
        "0912483615",
        "desk_officer",
        SERVICE_CENTRE_AGENCY,
        SERVICE_CENTRE_DESK,
        "Công chức tiếp nhận, Trung tâm Phục vụ hành chính công tỉnh",
    ),
    StaffRow(
        "tiepnhan.ttpvhcc2",
        "Lê Hoàng Nam",
        "0983217460",
        "desk_officer",
        SERVICE_CENTRE_AGENCY,
        SERVICE_CENTRE_DESK,
        "Công chức tiếp nhận, Trung tâm Phục vụ hành chính công tỉnh",
    ),
    StaffRow(
        "tiepnhan.hoaan1",
        "Phạm Thị Ngọc Ánh",
        "0868552193",
        "desk_officer",
        FIRST_COMMUNE,
        commune_desk_code(1),
        "Công chức tiếp nhận, Trung tâm phục vụ hành chính công xã Hòa An",
    ),
    StaffRow(
        "tiepnhan.thanhson1",
        "Đỗ Minh Khôi",
        "0356804127",
        "desk_officer",
        _SECOND_COMMUNE,
        commune_desk_code(2),
        "Công chức tiếp nhận, Trung tâm phục vụ hành chính công phường Thành Sơn",
    ),
    # Specialists (chuyên viên xử lý).
    StaffRow(
        "chuyenvien.stp1",
        "Trần Văn Hải",
        "0904771258",
        "specialist",
        JUSTICE,
        title="Chuyên viên Phòng Hành chính tư pháp, Sở Tư pháp",
    ),
    StaffRow(
        "chuyenvien.stp2",
        "Vũ Thị Lan Anh",
        "0977346812",
        "specialist",
        JUSTICE,
        title="Chuyên viên Phòng Bổ trợ tư pháp, Sở Tư pháp",
    ),
    StaffRow(
        "chuyenvien.sxd1",
        "Bùi Quang Huy",
        "0703592644",
        "specialist",
        CONSTRUCTION,
        title="Chuyên viên Phòng Quản lý xây dựng, Sở Xây dựng",
    ),
    StaffRow(
        "chuyenvien.snnmt1",
        "Hoàng Thị Minh Nguyệt",
        "0832619075",
        "specialist",
        AGRICULTURE_ENVIRONMENT,
        title="Chuyên viên Phòng Đất đai, Sở Nông nghiệp và Môi trường",
    ),
    StaffRow(
        "chuyenvien.vpdkdd1",
        "Đặng Văn Toàn",
        "0945128739",
        "specialist",
        LAND_REGISTRATION,
        title="Viên chức Văn phòng Đăng ký đất đai tỉnh",
    ),
    StaffRow(
        "chuyenvien.ca1",
        "Lò Văn Khánh",
        "0915284063",
        "specialist",
        POLICE,
        title="Cán bộ Phòng Hồ sơ nghiệp vụ, Công an tỉnh (phối hợp liên thông)",
    ),
    StaffRow(
        "chuyenvien.thue1",
        "Phan Thị Thu Hà",
        "0986530174",
        "specialist",
        TAX,
        title="Công chức Phòng Quản lý thuế cá nhân, Thuế tỉnh (phối hợp liên thông)",
    ),
    StaffRow(
        "chuyenvien.hoaan1",
        "Ngô Thị Hồng Nhung",
        "0569403281",
        "specialist",
        FIRST_COMMUNE,
        title="Công chức Văn hóa - Xã hội, UBND xã Hòa An",
    ),
    # Leaders (lãnh đạo).
    StaffRow(
        "lanhdao.stp1",
        "Nguyễn Đức Thắng",
        "0913250486",
        "leader",
        JUSTICE,
        title="Phó Giám đốc Sở Tư pháp",
    ),
    StaffRow(
        "lanhdao.sxd1",
        "Phan Thanh Bình",
        "0988614302",
        "leader",
        CONSTRUCTION,
        title="Phó Giám đốc Sở Xây dựng",
    ),
    StaffRow(
        "lanhdao.snnmt1",
        "Lê Thị Kim Oanh",
        "0915377920",
        "leader",
        AGRICULTURE_ENVIRONMENT,
        title="Phó Giám đốc Sở Nông nghiệp và Môi trường",
    ),
    StaffRow(
        "lanhdao.vpdkdd1",
        "Trịnh Xuân Trường",
        "0393128554",
        "leader",
        LAND_REGISTRATION,
        title="Giám đốc Văn phòng Đăng ký đất đai tỉnh",
    ),
    StaffRow(
        "lanhdao.hoaan1",
        "Hà Văn Sơn",
        "0962045718",
        "leader",
        FIRST_COMMUNE,
        title="Chủ tịch UBND xã Hòa An",
    ),
    StaffRow(
        "lanhdao.tinh1",
        "Mai Thế Dũng",
        "0903666127",
        "leader",
        PROVINCE,
        title="Phó Chủ tịch UBND tỉnh",
    ),
    # Agency admins (quản trị cơ quan).
    StaffRow(
        "quantri.stp",
        "Cao Thị Phương",
        "0794215630",
        "agency_admin",
        JUSTICE,
        title="Chuyên viên Văn phòng Sở Tư pháp, quản trị hệ thống của Sở",
    ),
    StaffRow(
        "quantri.ttpvhcc",
        "Lý Minh Đức",
        "0817930264",
        "agency_admin",
        SERVICE_CENTRE_AGENCY,
        title="Phó Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
    ),
    StaffRow(
        "quantri.hoaan",
        "Tạ Thị Bích Ngọc",
        "0372581946",
        "agency_admin",
        FIRST_COMMUNE,
        title="Công chức Văn phòng - Thống kê, UBND xã Hòa An",
    ),
    # Province admins (quản trị cấp tỉnh); `quantri` is the third.
    StaffRow(
        "quantri.tinh1",
        "Dương Quốc Việt",
        "0914802375",
        "province_admin",
        PROVINCE,
        title="Chuyên viên Phòng Kiểm soát thủ tục hành chính, Văn phòng UBND tỉnh",
    ),
    StaffRow(
        "quantri.tinh2",
        "Lương Thị Hải Yến",
        "0985163027",
        "province_admin",
        PROVINCE,
        title="Chuyên viên Sở Khoa học và Công nghệ, vận hành hệ thống",
    ),
    # Inspectors (thanh tra, kiểm tra).
    StaffRow(
        "thanhtra1",
        "Kiều Văn Lâm",
        "0916574203",
        "inspector",
        INSPECTORATE,
        title="Thanh tra viên, Thanh tra tỉnh",
    ),
    StaffRow(
        "thanhtra2",
        "Tô Thị Thanh Hà",
        "0989302716",
        "inspector",
        INSPECTORATE,
        title="Thanh tra viên, Thanh tra tỉnh",
    ),
    StaffRow(
        "thanhtra3",
        "Đinh Công Thành",
        "0822467159",
        "inspector",
        PROVINCE_OFFICE,
        title="Phòng Kiểm soát thủ tục hành chính, Văn phòng UBND tỉnh",
    ),
)


@dataclass(frozen=True)
class CitizenRow:
    """An individual (personal_id_number, date_of_birth) or an organisation (tax_code,
    organisation_name; `full_name` is its legal representative)."""

    full_name: str
    phone: str
    address: str
    email: str = ""
    personal_id_number: str | None = None
    date_of_birth: dt.date | None = None
    tax_code: str | None = None
    organisation_name: str = ""

    @property
    def username(self) -> str:
        return self.personal_id_number or self.tax_code or ""


# Personal ID numbers: province of birth registration (3 digits), century and sex (0 = 1900s
# male, 1 = 1900s female, 2 = 2000s male, 3 = 2000s female), year (2 digits), serial (6 digits).
CITIZENS: tuple[CitizenRow, ...] = (
    CitizenRow(
        full_name="Nguyễn Văn Hùng",
        phone="0936218457",
        address="Thôn Đông, xã Hòa An, tỉnh Sơn Hà",
        email="hung.nguyenvan@example.com",
        personal_id_number="038078012345",
        date_of_birth=dt.date(1978, 3, 12),
    ),
    CitizenRow(
        full_name="Trần Thị Mai",
        phone="0975604318",
        address="Số 12 đường Lê Lợi, phường Thành Sơn, tỉnh Sơn Hà",
        email="mai.tranthi@example.com",
        personal_id_number="038185004321",
        date_of_birth=dt.date(1985, 11, 2),
    ),
    CitizenRow(
        full_name="Lê Minh Tuấn",
        phone="0387915042",
        address="Tổ dân phố 3, phường Nam Sơn, tỉnh Sơn Hà",
        personal_id_number="040201008765",
        date_of_birth=dt.date(2001, 5, 20),
    ),
    CitizenRow(
        full_name="Phạm Thu Hương",
        phone="0858273640",
        address="Số 5 ngõ 8 phố Quang Trung, phường Quang Trung, tỉnh Sơn Hà",
        email="huong.phamthu@example.com",
        personal_id_number="001192023456",
        date_of_birth=dt.date(1992, 8, 15),
    ),
    CitizenRow(
        full_name="Hoàng Bảo Ngọc",
        phone="0707381925",
        address="Thôn Trung, xã Bắc Sơn, tỉnh Sơn Hà",
        personal_id_number="037304005678",
        date_of_birth=dt.date(2004, 1, 9),
    ),
    CitizenRow(
        full_name="Đỗ Văn Long",
        phone="0395118206",
        address="Bản Công, xã Bản Công, tỉnh Sơn Hà",
        personal_id_number="038060001122",
        date_of_birth=dt.date(1960, 9, 30),
    ),
    CitizenRow(
        full_name="Vương Đình Khải",
        phone="0919426803",
        address="Lô 7, Khu công nghiệp Bắc Sơn, xã Bắc Sơn, tỉnh Sơn Hà",
        email="xaydungthanhson@example.com",
        tax_code="2801234564",
        organisation_name="Công ty TNHH Xây dựng Thành Sơn",
    ),
    CitizenRow(
        full_name="Nguyễn Thị Hạnh",
        phone="0964810537",
        address="Thôn Trung, xã Hòa An, tỉnh Sơn Hà",
        email="htxhoaan@example.com",
        tax_code="2809876549",
        organisation_name="Hợp tác xã Nông nghiệp Hòa An",
    ),
)
