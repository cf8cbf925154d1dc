"""Stored e-mail addresses in their normal form (website/emails.py, issue 14).

`User.email` and allauth's `EmailAddress.email` were only lower-cased. Each is rewritten to the
normal form (NFKC + casefold of the local part, the domain in IDNA ASCII form). Addresses that
would become one (two accounts, or one account with two spellings of one address) are not
merged: they are left as they were and listed in the migration's output by row id, for an
administrator to settle (the accounts may belong to different people). An address with no
normal form is listed too and left alone."""

from collections import defaultdict

from django.db import migrations

from website.emails import normalise_or_none


def _plan(rows):
    """rows: (id, owner, email) → ({id: new email}, [problem lines])."""
    groups = defaultdict(list)
    problems = []
    for row_id, owner, email in rows:
        normal = normalise_or_none(email)
        if normal is None:
            problems.append(f"id {row_id}: no normal form, left as it is")
            continue
        groups[normal].append((row_id, owner, email))
    changes = {}
    for normal, members in groups.items():
        if len(members) > 1:
            ids = ", ".join(str(row_id) for row_id, _owner, _email in sorted(members))
            owners = ", ".join(sorted({str(owner) for _id, owner, _email in members}))
            problems.append(
                f"ids {ids} (user {owners}): one address in several spellings, left as they are"
            )
            continue
        row_id, _owner, email = members[0]
        if email != normal:
            changes[row_id] = normal
    return changes, problems


def _report(schema_editor, table, problems):
    if not problems:
        return
    # Printed, not logged: `migrate` shows it to the operator running it.
    print(f"\n  {table}: {len(problems)} address(es) need an administrator:")  # noqa: T201
    for line in problems:
        print(f"    {line}")  # noqa: T201


def normalise_stored_addresses(apps, schema_editor):
    User = apps.get_model("website", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")

    users = User.objects.values_list("id", "id", "email")
    changes, problems = _plan(users)
    for user_id, email in changes.items():
        User.objects.filter(pk=user_id).update(email=email)
    _report(schema_editor, "website_user", problems)

    addresses = EmailAddress.objects.values_list("id", "user_id", "email")
    changes, problems = _plan(addresses)
    for address_id, email in changes.items():
        EmailAddress.objects.filter(pk=address_id).update(email=email)
    _report(schema_editor, "account_emailaddress", problems)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0010_erased_at_and_sensitive_access"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.RunPython(normalise_stored_addresses, migrations.RunPython.noop),
    ]
