"""Make an API key for an account and print it (the only time it is shown)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.accounts.models import User
from motcua.accounts.services import api_token_create
from motcua.core.errors import DomainError


class Command(BaseCommand):
    help = "Cấp khóa API cho một tài khoản và in khóa ra (chỉ hiển thị một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Tên đăng nhập của tài khoản dùng khóa.")
        parser.add_argument("--name", required=True, help="Tên hệ thống sử dụng khóa.")
        parser.add_argument(
            "--expires-days",
            type=int,
            default=None,
            help="Khóa hết hạn sau số ngày này (mặc định: không hết hạn).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{options['username']}».")
        days = options["expires_days"]
        if days is not None and days < 1:
            raise CommandError("--expires-days phải từ 1.")
        expires_at = timezone.now() + dt.timedelta(days=days) if days is not None else None
        try:
            token, key = api_token_create(
                user=user, name=options["name"], actor=None, expires_at=expires_at
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(
            f"Đã cấp khóa API «{token.name}» (tiền tố {token.key_prefix}) cho {user.username}. "
            "Hãy lưu khóa dưới đây: khóa không được hiển thị lại."
        )
        self.stdout.write(key)
