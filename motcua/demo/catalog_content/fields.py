"""The fields (lĩnh vực) of the demo catalog, coded `MX1X2-LV` (Circular 01/2018/TT-VPCP Art 20)
with the province's prefix H99."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldRow:
    code: str
    name: str
    name_en: str


HT = "H99-HT"
CTH = "H99-CTH"
NCN = "H99-NCN"
LLTP = "H99-LLTP"
BTTP = "H99-BTTP"
HGCS = "H99-HGCS"
TGPL = "H99-TGPL"
DD = "H99-DD"
XD = "H99-XD"
NO = "H99-NO"
HKD = "H99-HKD"
DN = "H99-DN"
HTX = "H99-HTX"
DT = "H99-DT"
LTHH = "H99-LTHH"
ATTP = "H99-ATTP"
BTXH = "H99-BTXH"
NCC = "H99-NCC"
VL = "H99-VL"
LD = "H99-LD"
DB = "H99-DB"
DTND = "H99-DTND"
GD = "H99-GD"
VB = "H99-VB"
KCB = "H99-KCB"
DUOC = "H99-DUOC"
VH = "H99-VH"
DL = "H99-DL"
TDTT = "H99-TDTT"
MT = "H99-MT"
TNN = "H99-TNN"
KS = "H99-KS"
TY = "H99-TY"
TTBVTV = "H99-TTBVTV"
LN = "H99-LN"
TL = "H99-TL"
CT = "H99-CT"
CC = "H99-CC"
XNC = "H99-XNC"
PTGT = "H99-PTGT"
ANTT = "H99-ANTT"
BHXH = "H99-BHXH"
BHYT = "H99-BHYT"
THUE = "H99-THUE"
TDKT = "H99-TDKT"
HOI = "H99-HOI"
TG = "H99-TG"

FIELDS: tuple[FieldRow, ...] = (
    FieldRow(HT, "Hộ tịch", "Civil status"),
    FieldRow(CTH, "Chứng thực", "Certification"),
    FieldRow(NCN, "Nuôi con nuôi", "Adoption"),
    FieldRow(LLTP, "Lý lịch tư pháp", "Judicial records"),
    FieldRow(BTTP, "Bổ trợ tư pháp", "Judicial support services"),
    FieldRow(HGCS, "Hòa giải ở cơ sở", "Grassroots mediation"),
    FieldRow(TGPL, "Trợ giúp pháp lý", "Legal aid"),
    FieldRow(DD, "Đất đai", "Land"),
    FieldRow(XD, "Hoạt động xây dựng", "Construction"),
    FieldRow(NO, "Nhà ở và kinh doanh bất động sản", "Housing and real estate"),
    FieldRow(HKD, "Thành lập và hoạt động của hộ kinh doanh", "Household businesses"),
    FieldRow(DN, "Thành lập và hoạt động của doanh nghiệp", "Enterprises"),
    FieldRow(HTX, "Thành lập và hoạt động của hợp tác xã", "Cooperatives"),
    FieldRow(DT, "Đầu tư tại Việt Nam", "Investment in Vietnam"),
    FieldRow(LTHH, "Lưu thông hàng hóa trong nước", "Domestic trade"),
    FieldRow(ATTP, "An toàn thực phẩm", "Food safety"),
    FieldRow(BTXH, "Bảo trợ xã hội", "Social protection"),
    FieldRow(NCC, "Người có công", "People with meritorious services"),
    FieldRow(VL, "Việc làm", "Employment"),
    FieldRow(LD, "Lao động, tiền lương", "Labour and wages"),
    FieldRow(DB, "Đường bộ", "Road transport"),
    FieldRow(DTND, "Đường thủy nội địa", "Inland waterways"),
    FieldRow(GD, "Giáo dục và Đào tạo", "Education and training"),
    FieldRow(VB, "Văn bằng, chứng chỉ", "Diplomas and certificates"),
    FieldRow(KCB, "Khám bệnh, chữa bệnh", "Medical examination and treatment"),
    FieldRow(DUOC, "Dược phẩm", "Pharmaceuticals"),
    FieldRow(VH, "Văn hóa", "Culture"),
    FieldRow(DL, "Du lịch", "Tourism"),
    FieldRow(TDTT, "Thể dục, thể thao", "Sports"),
    FieldRow(MT, "Môi trường", "Environment"),
    FieldRow(TNN, "Tài nguyên nước", "Water resources"),
    FieldRow(KS, "Địa chất và khoáng sản", "Geology and minerals"),
    FieldRow(TY, "Thú y", "Veterinary medicine"),
    FieldRow(TTBVTV, "Trồng trọt và bảo vệ thực vật", "Crop production and plant protection"),
    FieldRow(LN, "Lâm nghiệp", "Forestry"),
    FieldRow(TL, "Thủy lợi, phòng chống thiên tai", "Irrigation and disaster prevention"),
    FieldRow(CT, "Đăng ký, quản lý cư trú", "Residence"),
    FieldRow(CC, "Căn cước", "Identity cards"),
    FieldRow(XNC, "Quản lý xuất nhập cảnh", "Immigration"),
    FieldRow(PTGT, "Đăng ký phương tiện và cấp giấy phép lái xe", "Vehicles and driving licences"),
    FieldRow(
        ANTT,
        "Quản lý ngành nghề đầu tư kinh doanh có điều kiện về an ninh, trật tự",
        "Security-conditional businesses",
    ),
    FieldRow(BHXH, "Bảo hiểm xã hội", "Social insurance"),
    FieldRow(BHYT, "Bảo hiểm y tế", "Health insurance"),
    FieldRow(THUE, "Thuế", "Tax"),
    FieldRow(TDKT, "Thi đua, khen thưởng", "Emulation and commendation"),
    FieldRow(HOI, "Tổ chức hội, quỹ xã hội, quỹ từ thiện", "Associations and charitable funds"),
    FieldRow(TG, "Tín ngưỡng, tôn giáo", "Beliefs and religion"),
)
