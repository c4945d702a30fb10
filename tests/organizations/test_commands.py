import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run_create_first_admin():
    output = io.StringIO()
    call_command("create_first_admin", stdout=output)
    return output.getvalue()


def test_first_run_creates_an_administrator_and_prints_the_login():
    output = run_create_first_admin()

    admin = User.objects.get()
    password = output.split("with password ")[1].split(" ")[0]
    assert admin.username == "admin"
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(password)


def test_second_run_neither_prints_nor_resets_the_password():
    first = run_create_first_admin()
    password = first.split("with password ")[1].split(" ")[0]

    second = run_create_first_admin()

    assert password not in second
    assert "An administrator exists" in second
    assert User.objects.count() == 1
    assert User.objects.get().check_password(password)
