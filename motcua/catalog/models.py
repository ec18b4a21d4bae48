"""The procedure catalog: procedures, their immutable published versions, case variants with
components, fees, e-form schemas and internal processes.

A dossier is pinned to the version and case variant it was received under, so a published version
never changes: amending a procedure publishes a new version, and the old one ends the day before.
Whether a version is public on a day is derived from its dates, so a procedure whose end date has
passed disappears from every public list without anyone acting.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, Role, User
from motcua.calendar.engine import TimeUnit
from motcua.core.models import TimeStampedModel


class Field(TimeStampedModel):
    """A field of administrative activity (lĩnh vực), e.g. Hộ tịch (civil status)."""

    code = models.CharField("mã lĩnh vực", max_length=32, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=255)
    name_en = models.CharField("tên tiếng Anh", max_length=255, blank=True)
    valid_from = models.DateField("hiệu lực từ ngày", default=dt.date(2018, 1, 1))
    valid_to = models.DateField("hết hiệu lực từ ngày", null=True, blank=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CodeNamespace(models.TextChoices):
    NATIONAL = "national", _("Mã thủ tục trên CSDL quốc gia")
    LOCAL = "local", _("Mã nội bộ của tỉnh (chưa có mã quốc gia)")


class Procedure(TimeStampedModel):
    """The identity of an administrative procedure across its versions."""

    namespace = models.CharField(
        "loại mã", max_length=8, choices=CodeNamespace.choices, default=CodeNamespace.NATIONAL
    )
    code = models.CharField("mã thủ tục", max_length=32)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["namespace", "code"], name="procedure_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đã công bố")


class EndReason(models.TextChoices):
    NONE = "", "—"
    AMENDED = "amended", _("Sửa đổi, bổ sung (có phiên bản mới)")
    REPLACED = "replaced", _("Thay thế bởi thủ tục khác")
    ABOLISHED = "abolished", _("Bãi bỏ")


class OnlineLevel(models.TextChoices):
    NONE = "none", _("Không cung cấp trực tuyến")
    PARTIAL = "partial", _("Dịch vụ công trực tuyến một phần")
    FULL = "full", _("Dịch vụ công trực tuyến toàn trình")


class ClockCutoff(models.TextChoices):
    INHERIT = "inherit", _("Theo cấu hình của tỉnh")
    ON = "on", _("Có: hồ sơ giấy nhận sau giờ chốt tính từ ngày làm việc kế tiếp")
    OFF = "off", _("Không")


class ProcedureVersion(TimeStampedModel):
    """One version of a procedure with every constituent part (Decree 63/2010 Art 8.2).

    Drafts are edited freely; a published version is immutable, and ends (`valid_to`, exclusive)
    when it is amended, replaced or abolished.
    """

    procedure = models.ForeignKey(
        Procedure, verbose_name="thủ tục", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("phiên bản số")
    status = models.CharField(
        "trạng thái", max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    name = models.CharField("tên thủ tục", max_length=500)
    field = models.ForeignKey(
        Field, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="versions"
    )
    executing_agencies = models.ManyToManyField(
        Agency, verbose_name="cơ quan thực hiện", related_name="procedure_versions", blank=True
    )
    reception_place = models.TextField("địa điểm tiếp nhận", blank=True)
    steps_text = models.TextField("trình tự thực hiện", blank=True)
    method_counter = models.BooleanField("nộp trực tiếp", default=True)
    method_online = models.BooleanField("nộp trực tuyến", default=False)
    method_postal = models.BooleanField("nộp qua bưu chính công ích", default=False)
    subjects = models.TextField("đối tượng thực hiện", blank=True)
    for_individuals = models.BooleanField("cá nhân", default=True)
    for_organisations = models.BooleanField("tổ chức", default=False)
    result = models.TextField("kết quả thực hiện", blank=True)
    conditions = models.TextField("yêu cầu, điều kiện", blank=True)
    legal_bases = models.JSONField(
        "căn cứ pháp lý",
        default=list,
        blank=True,
        help_text='Danh sách [{"document": "Luật Hộ tịch số 60/2014/QH13", "effective_date": "2016-01-01"}].',
    )
    fees_note = models.TextField("ghi chú phí, lệ phí", blank=True)
    online_level = models.CharField(
        "mức độ dịch vụ công trực tuyến",
        max_length=8,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    legacy_online_level = models.PositiveSmallIntegerField(
        "mức độ cũ (2/3/4)", null=True, blank=True, choices=[(2, "2"), (3, "3"), (4, "4")]
    )
    full_online_eligible = models.BooleanField("đủ điều kiện toàn trình", default=False)
    postal_intake = models.BooleanField("tiếp nhận qua bưu chính", default=False)
    postal_return = models.BooleanField("trả kết quả qua bưu chính", default=False)
    four_at_desk = models.BooleanField(
        "4 tại chỗ",
        default=False,
        help_text="Tiếp nhận, thẩm định, phê duyệt, trả kết quả tại chỗ.",
    )
    cutoff_defers_clock = models.CharField(
        "giờ chốt hồ sơ giấy",
        max_length=8,
        choices=ClockCutoff.choices,
        default=ClockCutoff.INHERIT,
    )
    hotline = models.CharField("đường dây nóng", max_length=64, blank=True)
    feedback_address = models.TextField("địa chỉ tiếp nhận phản ánh, kiến nghị", blank=True)
    decision_number = models.CharField("số quyết định công bố", max_length=64, blank=True)
    decision_date = models.DateField("ngày ký quyết định", null=True, blank=True)
    decision_signer = models.CharField("người ký", max_length=255, blank=True)
    national_db_published_on = models.DateField(
        "ngày công khai trên CSDL quốc gia", null=True, blank=True
    )
    valid_from = models.DateField("hiệu lực từ ngày", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực từ ngày", null=True, blank=True)
    end_reason = models.CharField(
        "lý do hết hiệu lực", max_length=16, choices=EndReason.choices, default="", blank=True
    )
    replaced_by = models.ForeignKey(
        Procedure,
        verbose_name="thay thế bởi thủ tục",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )
    search_name = models.TextField(
        "tên không dấu",
        blank=True,
        editable=False,
        help_text="Tên đã bỏ dấu, để xếp hạng tìm kiếm.",
    )
    search_keywords = models.TextField(
        "từ khóa tìm kiếm",
        blank=True,
        editable=False,
        help_text="Mã thủ tục, lĩnh vực, cơ quan thực hiện: tìm kiếm cùng với tên thủ tục.",
    )
    published_at = models.DateTimeField("thời điểm công bố trên hệ thống", null=True, blank=True)
    published_by = models.ForeignKey(
        User,
        verbose_name="người công bố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        User,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # An agency admin's proposal to publish this draft, awaiting a province admin. Cleared when
    # the draft is saved again (the proposal was for its earlier content), returned or published.
    proposed_at = models.DateTimeField("thời điểm đề xuất công bố", null=True, blank=True)
    proposed_by = models.ForeignKey(
        User,
        verbose_name="người đề xuất",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposal_note = models.TextField("ghi chú đề xuất", blank=True)

    class Meta:
        verbose_name = "phiên bản thủ tục"
        verbose_name_plural = "phiên bản thủ tục"
        ordering = ["procedure", "number"]
        indexes = [models.Index(fields=["status", "valid_from", "valid_to"])]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="procedure_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status=VersionStatus.DRAFT),
                name="procedure_one_draft",
                violation_error_message="Thủ tục đã có một dự thảo đang soạn.",
            ),
            models.CheckConstraint(
                condition=Q(status=VersionStatus.DRAFT) | Q(valid_from__isnull=False),
                name="procedure_version_published_has_start",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=False, valid_to__gt=F("valid_from")),
                name="procedure_version_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=VersionStatus.values), name="procedure_version_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(proposed_at__isnull=True) | Q(status=VersionStatus.DRAFT),
                name="procedure_version_only_drafts_proposed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}: {self.name}"

    @property
    def is_proposed(self) -> bool:
        return self.status == VersionStatus.DRAFT and self.proposed_at is not None

    @property
    def accepts_online_submission(self) -> bool:
        """Citizens may file online: the online method with an online service (partial or full)."""
        return self.method_online and self.online_level != OnlineLevel.NONE

    def is_public_on(self, day: dt.date) -> bool:
        return (
            self.status == VersionStatus.PUBLISHED
            and self.valid_from is not None
            and self.valid_from <= day
            and (self.valid_to is None or day < self.valid_to)
        )


class FullTextMatch(models.Lookup[str]):
    """`table MATCH query` for SQLite FTS5, over every column of the FTS table."""

    lookup_name = "fts"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str | int, ...]]:
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        # The hidden column named after the table matches over every column: "alias"."table".
        alias = lhs_sql.rsplit(".", 1)[0]
        hidden = connection.ops.quote_name(self.lhs.target.model._meta.db_table)
        return f"{alias}.{hidden} MATCH {rhs_sql}", (*lhs_params, *rhs_params)


class FullTextField(models.TextField[str, str]):
    pass


FullTextField.register_lookup(FullTextMatch)


class VersionSearchEntry(models.Model):
    """A version's row in the SQLite FTS5 index (`catalog/search.py`): folded name and keywords.

    Unmanaged: the migration creates the virtual table on SQLite only; never queried elsewhere.
    """

    version = models.OneToOneField(
        ProcedureVersion,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="search_entry",
    )
    name = FullTextField()
    keywords = FullTextField()

    class Meta:
        managed = False
        db_table = "catalog_version_fts"

    def __str__(self) -> str:
        return self.name


class ImplementingLevel(models.TextChoices):
    CENTRAL = "central", _("Cấp Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (đến 30/6/2025)")
    COMMUNE = "commune", _("Cấp xã")
    BRANCH = "branch", _("Cơ quan ngành dọc")


class VersionLevel(models.Model):
    """An implementing level of a version (cấp thực hiện); a version may have several."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="levels")
    level = models.CharField("cấp thực hiện", max_length=16, choices=ImplementingLevel.choices)

    class Meta:
        verbose_name = "cấp thực hiện"
        verbose_name_plural = "cấp thực hiện"
        constraints = [
            models.UniqueConstraint(fields=["version", "level"], name="version_level_unique"),
        ]

    def __str__(self) -> str:
        return self.get_level_display()


class CaseVariant(models.Model):
    """A case (trường hợp) of a procedure version with its own time limit, components, fees,
    e-form and internal process. A procedure with one case has one variant."""

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name="phiên bản",
        on_delete=models.CASCADE,
        related_name="variants",
    )
    code = models.SlugField("mã trường hợp", max_length=64)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    name = models.CharField("tên trường hợp", max_length=500)
    time_limit_value = models.DecimalField("thời hạn giải quyết", max_digits=7, decimal_places=2)
    time_limit_unit = models.CharField(
        "đơn vị thời hạn", max_length=16, choices=[(u.value, u.value) for u in TimeUnit]
    )
    committed_value = models.DecimalField(
        "thời hạn cam kết của tỉnh",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Cùng đơn vị với thời hạn giải quyết; không dài hơn thời hạn luật định.",
    )
    time_limit_note = models.TextField("ghi chú thời hạn", blank=True)
    eform_schema = models.JSONField("biểu mẫu điện tử", default=dict, blank=True)

    class Meta:
        verbose_name = "trường hợp"
        verbose_name_plural = "trường hợp"
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="case_variant_code_unique"),
            models.CheckConstraint(
                condition=Q(time_limit_value__gte=0), name="case_variant_limit_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(committed_value__isnull=True)
                | Q(committed_value__gte=0, committed_value__lte=F("time_limit_value")),
                name="case_variant_committed_within_limit",
                violation_error_message="Thời hạn cam kết không được dài hơn thời hạn luật định.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def effective_limit(self) -> Decimal:
        """The limit that drives the receipt and classification: committed if set (domain §7)."""
        return self.committed_value if self.committed_value is not None else self.time_limit_value

    @property
    def cut_percent(self) -> Decimal:
        """How much shorter the committed time is than the statutory one, in percent."""
        if self.committed_value is None or self.time_limit_value == 0:
            return Decimal(0)
        cut = (self.time_limit_value - self.committed_value) * 100 / self.time_limit_value
        return cut.quantize(Decimal("0.1"))


class ComponentRequirement(models.TextChoices):
    REQUIRED = "required", _("Bắt buộc")
    CONDITIONAL = "conditional", _("Bắt buộc khi có điều kiện")


class Component(models.Model):
    """A paper of the dossier (thành phần hồ sơ) with how many originals and copies."""

    variant = models.ForeignKey(
        CaseVariant, verbose_name="trường hợp", on_delete=models.CASCADE, related_name="components"
    )
    code = models.SlugField("mã thành phần", max_length=64)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    name = models.CharField("tên giấy tờ", max_length=1000)
    originals = models.PositiveSmallIntegerField("số bản chính", default=1)
    copies = models.PositiveSmallIntegerField("số bản sao", default=0)
    requirement = models.CharField(
        "yêu cầu",
        max_length=16,
        choices=ComponentRequirement.choices,
        default=ComponentRequirement.REQUIRED,
    )
    condition = models.TextField("điều kiện (khi bắt buộc có điều kiện)", blank=True)
    template_name = models.CharField("mẫu đơn, tờ khai", max_length=255, blank=True)
    template_file = models.FileField("tệp mẫu", upload_to="catalog/templates/", blank=True)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["variant", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "code"], name="component_code_unique"),
            models.CheckConstraint(
                condition=Q(originals__gt=0) | Q(copies__gt=0), name="component_has_a_paper"
            ),
            models.CheckConstraint(
                condition=~Q(requirement=ComponentRequirement.CONDITIONAL) | ~Q(condition=""),
                name="component_condition_stated",
                violation_error_message="Thành phần bắt buộc có điều kiện phải ghi rõ điều kiện.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FeeKind(models.TextChoices):
    FEE = "fee", _("Phí")
    CHARGE = "charge", _("Lệ phí")


class FeeItem(models.Model):
    variant = models.ForeignKey(
        CaseVariant, verbose_name="trường hợp", on_delete=models.CASCADE, related_name="fees"
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    kind = models.CharField("loại", max_length=8, choices=FeeKind.choices)
    name = models.CharField("tên khoản thu", max_length=500)
    amount = models.DecimalField("mức thu (đồng)", max_digits=14, decimal_places=0)
    unit = models.CharField("đơn vị tính", max_length=64, default="đồng/hồ sơ")
    exemption = models.TextField("miễn, giảm", blank=True)

    class Meta:
        verbose_name = "phí, lệ phí"
        verbose_name_plural = "phí, lệ phí"
        ordering = ["variant", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount} {self.unit}"


class StepKind(models.TextChoices):
    RECEPTION = "reception", _("Tiếp nhận")
    PROCESSING = "processing", _("Thẩm định, xử lý")
    APPROVAL = "approval", _("Lãnh đạo phê duyệt")
    INTER_AGENCY = "inter_agency", _("Liên thông sang cơ quan khác")
    RETURN = "return", _("Trả kết quả")


class ProcessStep(models.Model):
    """A step of the internal process (quy trình nội bộ) of a case variant.

    `agency` None means the dossier's competent agency. Forward and send-back targets are named
    steps of the same variant; a return step ends the process.
    """

    variant = models.ForeignKey(
        CaseVariant, verbose_name="trường hợp", on_delete=models.CASCADE, related_name="steps"
    )
    code = models.SlugField("mã bước", max_length=64)
    position = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên bước", max_length=255)
    kind = models.CharField("loại bước", max_length=16, choices=StepKind.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan thực hiện (trống = cơ quan giải quyết hồ sơ)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    budget_hours = models.DecimalField("thời gian (giờ làm việc)", max_digits=7, decimal_places=2)
    forward_to = models.ManyToManyField(
        "self", verbose_name="chuyển tiếp đến", symmetrical=False, blank=True, related_name="+"
    )
    send_back_to = models.ManyToManyField(
        "self", verbose_name="trả lại bước", symmetrical=False, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"
        ordering = ["variant", "position"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "code"], name="process_step_code_unique"),
            models.UniqueConstraint(
                fields=["variant", "position"], name="process_step_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(budget_hours__gte=0), name="process_step_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class CatalogImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    RUNNING = "running", _("Đang xử lý")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")


class CatalogImport(models.Model):
    """One upload of a catalog workbook from the back office, checked (`dry_run`) or imported by
    a background task (`catalog.tasks.run_catalog_import_task`).

    The file is kept so that a successful check can be imported as is. `report` holds what the
    import did or would do: the procedure codes `created`, `amended` and `unchanged`, every
    `problem` ({sheet, row, column, code, message}) and, when it failed, an `error` message.
    """

    MAX_BYTES = 10 * 1024 * 1024

    filename = models.CharField("tên tệp", max_length=255)
    data = models.BinaryField("nội dung tệp", max_length=MAX_BYTES)
    dry_run = models.BooleanField("chỉ kiểm tra (không ghi)", default=True)
    valid_from = models.DateField("hiệu lực từ ngày")
    requested_by = models.ForeignKey(
        User, verbose_name="người yêu cầu", on_delete=models.PROTECT, related_name="+"
    )
    source_check = models.ForeignKey(
        "self",
        verbose_name="lần kiểm tra trước khi nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    status = models.CharField(
        "trạng thái",
        max_length=8,
        choices=CatalogImportStatus.choices,
        default=CatalogImportStatus.QUEUED,
    )
    done = models.PositiveIntegerField("số thủ tục đã xử lý", default=0)
    total = models.PositiveIntegerField("tổng số thủ tục", default=0)
    report = models.JSONField("kết quả", default=dict, blank=True)
    created_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu xử lý", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc xử lý", null=True, blank=True)

    class Meta:
        verbose_name = "lần nhập danh mục từ Excel"
        verbose_name_plural = "các lần nhập danh mục từ Excel"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CatalogImportStatus.values),
                name="catalog_import_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="catalog_import_done_within_total"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (CatalogImportStatus.DONE, CatalogImportStatus.FAILED)

    @property
    def problems(self) -> list[dict[str, Any]]:
        raw = self.report.get("problems") if isinstance(self.report, dict) else None
        return [p for p in raw if isinstance(p, dict)] if isinstance(raw, list) else []

    def codes(self, outcome: str) -> list[str]:
        """The procedure codes of one outcome: «created», «amended» or «unchanged»."""
        raw = self.report.get(outcome) if isinstance(self.report, dict) else None
        return [str(code) for code in raw] if isinstance(raw, list) else []

    @property
    def succeeded(self) -> bool:
        """Finished, with no problem and no error."""
        return self.status == CatalogImportStatus.DONE and not self.problems
