"""The three editorial roles, as Wagtail groups, and what each may do.

- Biên tập viên (writers) add and edit pages and upload images and files; they submit
  their work for moderation and cannot publish.
- Trưởng ban biên tập (head of the editorial board) approves, publishes and unpublishes,
  and keeps the reference lists (categories, bylines, issuing bodies...).
- Quản trị (administrators) may do everything a group can be given: settings, users,
  groups, workflows.

Page permissions are granted on the root of the page tree and collection permissions on
the root collection, as Wagtail grants its own groups: they then cover every site's home
page and every section, including the ones created after `migrate` (`make run` migrates
before it loads the demo site).

`apply_roles` runs in a data migration against historical models and again from
`manage.py setup_editorial_roles`, so it takes the app registry to use and looks every
model up in it. It only adds: a permission an administrator removed from a group, or a
group they deleted, comes back only when they run the command. The one exception is
"Quản trị", which holds every permission by definition: after each `migrate` it also
receives the permissions of models added since (`complete_administrators_role`).
"""

from dataclasses import dataclass

from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

WRITERS = "Biên tập viên"
MODERATORS = "Trưởng ban biên tập"
ADMINISTRATORS = "Quản trị"

# Every permission that exists: for the administrators' role.
EVERY_PERMISSION = "__all__"

ACCESS_ADMIN = "wagtailadmin.access_admin"
REFERENCE_LISTS = ("category", "byline", "issuingbody", "documenttype", "legalfield")

# Page permissions Wagtail 8 knows (wagtail.models.PAGE_PERMISSION_TYPES), as codenames of
# wagtailcore.Page permissions referenced by GroupPagePermission.permission.
ALL_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
UPLOADS = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
    "wagtailmedia.add_media",
)
ALL_UPLOADS = UPLOADS + (
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
    "wagtailmedia.change_media",
    "wagtailmedia.delete_media",
)


@dataclass(frozen=True)
class Role:
    name: str
    # Codenames of wagtailcore.Page permissions, granted on the root of the page tree.
    page_permissions: tuple[str, ...]
    # "app_label.codename", granted on the root collection (own uploads need only "add").
    collection_permissions: tuple[str, ...]
    # "app_label.codename" granted globally, or EVERY_PERMISSION.
    model_permissions: tuple[str, ...] | str


ROLES = (
    Role(
        name=WRITERS,
        page_permissions=("add_page", "change_page"),
        collection_permissions=UPLOADS,
        model_permissions=(ACCESS_ADMIN,),
    ),
    Role(
        name=MODERATORS,
        page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
        collection_permissions=ALL_UPLOADS,
        model_permissions=(ACCESS_ADMIN,)
        + tuple(
            f"articles.{action}_{model}"
            for model in REFERENCE_LISTS
            for action in ("add", "change", "view")
        ),
    ),
    Role(
        name=ADMINISTRATORS,
        page_permissions=ALL_PAGE_PERMISSIONS,
        collection_permissions=ALL_UPLOADS,
        model_permissions=EVERY_PERMISSION,
    ),
)


def ensure_permissions_exist(apps) -> None:
    """Create missing content types and permissions now, not after the migration run.

    Django creates them in a post_migrate handler, after every migration; a data
    migration that grants them on a fresh database has to create them itself.
    """
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        # Historical app configs have no models module, and create_permissions skips those.
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module


def find_permissions(apps, names: tuple[str, ...]) -> list:
    """Permissions named "app_label.codename"; a name that does not exist is an error."""
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def apply_roles(apps) -> list[str]:
    """Create or complete the three groups; return their names."""
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    page_permissions = {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        )
    }

    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        if role.model_permissions == EVERY_PERMISSION:
            group.permissions.add(*Permission.objects.all())
        else:
            group.permissions.add(*find_permissions(apps, role.model_permissions))
        for codename in role.page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=page_permissions[codename]
            )
        for permission in find_permissions(apps, role.collection_permissions):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return [role.name for role in ROLES]


def complete_administrators_role(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate: give "Quản trị" the permissions of models added after the data migration.

    Migrations written later (new models in any app) run after ours on a fresh database,
    and their permissions only exist once Django's own post_migrate handler has run for
    every app; hence the explicit creation first.
    """
    from django.apps import apps

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators = Group.objects.using(using).filter(name=ADMINISTRATORS).first()
    if administrators is None:
        return  # not set up yet, or deliberately deleted
    ensure_permissions_exist(apps)
    administrators.permissions.add(*Permission.objects.using(using).exclude(group=administrators))
