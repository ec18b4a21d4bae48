"""Who may open the citizen's pages: logged-in citizen accounts (individuals and organisations)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse

from motcua.accounts.models import User, UserKind

type View = Callable[..., HttpResponseBase]


def citizen_required(view: View) -> View:
    """Anonymous: to the citizen login page (then back). Staff accounts: 403 (they file for
    citizens at the counter, not here). Citizens: the view, with `request.user` a User."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("portal:login"))
        if not isinstance(user, User) or user.kind != UserKind.CITIZEN:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def citizen(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "citizen_required guarantees a logged-in User"
    return user
