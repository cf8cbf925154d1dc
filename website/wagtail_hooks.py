from wagtail import hooks

from .viewsets import audit_viewset


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return audit_viewset
