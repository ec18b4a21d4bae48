"""Factories for organisations and accounts. Every object they make passes model validation
(`full_clean` runs before each save), so a factory that drifts from the rules fails loudly.

    province = AgencyFactory()                                   # a province, the root
    dept = AgencyFactory(level=AgencyLevel.DEPARTMENT)           # under a new province
    commune = AgencyFactory(level=AgencyLevel.COMMUNE, parent=province)
    desk = DeskFactory(host=province, serves=[province, dept])   # serves its host by default
    officer = MembershipFactory(role=Role.DESK_OFFICER)          # gets a desk of its agency
    staff = StaffUserFactory()
    citizen = CitizenFactory()                                   # an individual, with profile
    company = OrganisationCitizenFactory()                       # an organisation, with profile
"""

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models
from factory.declarations import (
    LazyAttribute,
    LazyAttributeSequence,
    Maybe,
    PostGeneration,
    RelatedFactory,
    SelfAttribute,
    Sequence,
    SubFactory,
)
from factory.django import DjangoModelFactory, Password

from motcua.accounts.models import (
    Agency,
    AgencyLevel,
    CitizenKind,
    CitizenProfile,
    Desk,
    DeskKind,
    Membership,
    Role,
    User,
    UserKind,
)
from motcua.accounts.validators import Sex, parse_personal_id, tax_code_check_digit

PASSWORD = "Mot-cua-2025!"  # every factory user's password, for tests that log in

# The level a factory-made parent gets when none is given (None: the level is a root).
PARENT_LEVEL: dict[str, AgencyLevel | None] = {
    AgencyLevel.PROVINCE: None,
    AgencyLevel.DEPARTMENT: AgencyLevel.PROVINCE,
    AgencyLevel.UNIT: AgencyLevel.DEPARTMENT,
    AgencyLevel.DISTRICT: AgencyLevel.PROVINCE,
    AgencyLevel.COMMUNE: AgencyLevel.PROVINCE,
    AgencyLevel.BRANCH: None,
}

_AGENCY_NAMES: dict[str, str] = {
    AgencyLevel.PROVINCE: "Ủy ban nhân dân tỉnh Thử Nghiệm {n}",
    AgencyLevel.DEPARTMENT: "Sở Tư pháp {n}",
    AgencyLevel.UNIT: "Chi cục Văn thư - Lưu trữ {n}",
    AgencyLevel.DISTRICT: "Ủy ban nhân dân huyện Đồi Thông {n}",
    AgencyLevel.COMMUNE: "Ủy ban nhân dân xã Hòa Bình {n}",
    AgencyLevel.BRANCH: "Chi cục Thuế khu vực {n}",
}

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
_GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Huy", "Ngọc Lan"]


def agency_code(n: int, *, province: str = "H98") -> str:
    """A QCVN 102:2016 agency code, unique per `n`: 000.00.01.H98, 000.00.02.H98, …"""
    return f"{n // 10_000 % 1000:03d}.{n // 100 % 100:02d}.{n % 100:02d}.{province}"


def mobile_phone(n: int, *, prefix: str = "091") -> str:
    """A valid 10-digit mobile number, unique per `n` (below ten million)."""
    return f"{prefix}{n % 10**7:07d}"


def personal_id(
    n: int, *, province_code: str = "001", birth_year: int = 1990, sex: Sex = Sex.MALE
) -> str:
    """A valid 12-digit personal ID number, unique per `n` (below a million) for given details."""
    century_digit = (birth_year // 100 - 19) * 2 + (1 if sex is Sex.FEMALE else 0)
    number = f"{province_code}{century_digit}{birth_year % 100:02d}{n % 10**6:06d}"
    parse_personal_id(number)  # the factory's own guard
    return number


def tax_code(n: int, *, province: str = "01") -> str:
    """A valid 10-digit organisation tax code (check digit computed), unique per `n`."""
    first_nine = f"{province}{n % 10**7:07d}"
    return f"{first_nine}{tax_code_check_digit(first_nine)}"


def person_name(n: int) -> str:
    return f"{_FAMILY[n % len(_FAMILY)]} {_GIVEN[n // len(_FAMILY) % len(_GIVEN)]}"


def _add_successors(
    obj: Agency, create: bool, extracted: Iterable[Agency] | None, **kwargs: object
) -> None:
    if create and extracted:
        obj.successors.add(*extracted)


def _set_serves(
    obj: Desk, create: bool, extracted: Iterable[Agency] | None, **kwargs: object
) -> None:
    if create:
        obj.serves.set(list(extracted) if extracted is not None else [obj.host])


class ValidModelFactory[M: models.Model](DjangoModelFactory[M]):
    """Saves with `full_clean()` first: factories produce valid data or fail where they are."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True  # post-generation hooks save what they change

    if TYPE_CHECKING:
        # Calling a factory makes a model instance (factory_boy's metaclass); tell mypy so.
        def __new__(cls, *args: Any, **kwargs: Any) -> M: ...  # type: ignore[misc]

    @classmethod
    def _create(cls, model_class: type[M], *args: Any, **kwargs: Any) -> M:
        obj = model_class(*args, **kwargs)
        obj.full_clean()
        obj.save()
        return obj


class AgencyFactory(ValidModelFactory[Agency]):
    """A province by default. Give `level` and the parent follows the tree rules: a department
    gets a new province, a unit a new department…; or pass your own `parent`."""

    class Meta:
        model = Agency

    class Params:
        parent_level = LazyAttribute(lambda o: PARENT_LEVEL[o.level])

    code = Sequence(agency_code)
    level = AgencyLevel.PROVINCE
    name = LazyAttributeSequence(lambda o, n: _AGENCY_NAMES[o.level].format(n=n))
    parent = Maybe(
        "parent_level",
        yes_declaration=SubFactory(
            "tests.accounts.factories.AgencyFactory", level=SelfAttribute("..parent_level")
        ),
        no_declaration=None,
    )
    valid_from = dt.date(2025, 7, 1)

    successors = PostGeneration(_add_successors)


class DeskFactory(ValidModelFactory[Desk]):
    """A desk of `host` (a new province by default) that serves its host unless `serves` is given."""

    class Meta:
        model = Desk

    code = Sequence(lambda n: f"bo-phan-{n}")
    name = LazyAttribute(lambda o: f"Bộ phận một cửa {o.host.name}")
    kind = DeskKind.AGENCY_DESK
    host = SubFactory(AgencyFactory)
    valid_from = dt.date(2025, 7, 1)

    serves = PostGeneration(_set_serves)


class StaffUserFactory(ValidModelFactory[User]):
    class Meta:
        model = User

    username = Sequence(lambda n: f"canbo{n}")
    kind = UserKind.STAFF
    full_name = Sequence(person_name)
    email = LazyAttribute(lambda o: f"{o.username}@example.com")
    phone = Sequence(mobile_phone)
    password = Password(PASSWORD)


class MembershipFactory(ValidModelFactory[Membership]):
    """A specialist by default; a desk officer gets a new desk of the same agency."""

    class Meta:
        model = Membership

    class Params:
        needs_desk = LazyAttribute(lambda o: o.role == Role.DESK_OFFICER)

    user = SubFactory(StaffUserFactory)
    agency = SubFactory(AgencyFactory)
    role = Role.SPECIALIST
    desk = Maybe(
        "needs_desk",
        yes_declaration=SubFactory(DeskFactory, host=SelfAttribute("..agency")),
        no_declaration=None,
    )
    valid_from = dt.date(2025, 7, 1)


class CitizenUserFactory(ValidModelFactory[User]):
    """A citizen account without a profile: a building block. Use CitizenFactory or
    OrganisationCitizenFactory for a complete citizen."""

    class Meta:
        model = User

    username = Sequence(lambda n: personal_id(n, birth_year=1980))
    kind = UserKind.CITIZEN
    full_name = Sequence(person_name)
    email = LazyAttribute(lambda o: f"{o.username}@example.com")
    phone = Sequence(lambda n: mobile_phone(n, prefix="098"))
    password = Password(PASSWORD)


class CitizenProfileFactory(ValidModelFactory[CitizenProfile]):
    """An individual's profile; its user (logging in with the ID number) is made to match."""

    class Meta:
        model = CitizenProfile

    kind = CitizenKind.INDIVIDUAL
    personal_id_number = Sequence(lambda n: personal_id(n, birth_year=1985))
    tax_code = None
    organisation_name = ""
    date_of_birth = LazyAttributeSequence(
        lambda o, n: (
            dt.date(parse_personal_id(o.personal_id_number).birth_year, n % 12 + 1, n % 28 + 1)
            if o.personal_id_number
            else None
        )
    )
    address = "Số 1 đường Trần Phú, phường Ba Đình, Hà Nội"
    user = SubFactory(
        CitizenUserFactory,
        username=LazyAttribute(
            lambda o: o.factory_parent.personal_id_number or o.factory_parent.tax_code
        ),
    )


class CitizenFactory(CitizenUserFactory):
    """An individual citizen: username = personal ID number, with a matching profile.
    Set the profile's details with `profile__date_of_birth=…`, `profile__address=…`."""

    username = Sequence(lambda n: personal_id(n, birth_year=1990, sex=Sex.FEMALE))
    profile = RelatedFactory(
        CitizenProfileFactory,
        factory_related_name="user",
        personal_id_number=SelfAttribute("..username"),
    )


class OrganisationCitizenFactory(CitizenUserFactory):
    """An organisation: username = tax code, `full_name` its representative, with a profile."""

    username = Sequence(tax_code)
    profile = RelatedFactory(
        CitizenProfileFactory,
        factory_related_name="user",
        kind=CitizenKind.ORGANISATION,
        personal_id_number=None,
        tax_code=SelfAttribute("..username"),
        organisation_name=Sequence(lambda n: f"Công ty TNHH Thương mại Sông Hồng {n}"),
    )
