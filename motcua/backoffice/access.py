"""Who may open back-office pages at all: logged-in staff accounts."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from motcua.accounts.models import User, UserKind

type View = Callable[..., HttpResponseBase]


def staff_required(view: View) -> View:
    """Anonymous: to the login page. Citizens: 403. Staff: the view, with `request.user` a User."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not isinstance(user, User) or (user.kind != UserKind.STAFF and not user.is_superuser):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "staff_required guarantees a logged-in User"
    return user
