"""`make backup` then `make restore` into a fresh database gives back every row and every photo file."""

import io
import subprocess

import psycopg
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from attractions.tests.factories import make_attraction, make_attraction_photo
from corridor_portal.tests.live import ROOT
from routes.tests.factories import make_route
from villages.tests.factories import make_village

RESTORED_DB = "test_corridor_restore_check"


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), (70, 130, 180)).save(buffer, "JPEG")
    return SimpleUploadedFile("backup.jpg", buffer.getvalue())


def database_url(settings_dict, name):
    s = settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def restored_database():
    """An empty database next to the test database, dropped afterwards."""
    admin_url = database_url(connection.settings_dict, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{RESTORED_DB}"')
        admin.execute(f'CREATE DATABASE "{RESTORED_DB}"')
    yield database_url(connection.settings_dict, RESTORED_DB)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{RESTORED_DB}" WITH (FORCE)')


def rows_by_table():
    """{table: sorted primary keys} of every model of the project (history models included)."""
    rows = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table, pk = model._meta.db_table, model._meta.pk.column
            cursor.execute(f'SELECT "{pk}" FROM "{table}" ORDER BY 1')  # noqa: S608 - names from the models
            rows[table] = [row[0] for row in cursor.fetchall()]
    return rows


@pytest.mark.django_db(transaction=True)  # committed rows, so that pg_dump sees them
def test_a_backup_restores_every_listing_route_photo_and_history_row(settings, tmp_path, restored_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    attraction = make_attraction()
    village = make_village()
    make_route(days=[[attraction, village], [village]])
    photo = make_attraction_photo(attraction, jpeg())
    attraction.name_en = "Renamed after the first save"
    attraction.save()  # a second history row

    expected = rows_by_table()
    for table in ("attractions_attraction", "villages_village", "routes_routestop", "attractions_attractionphoto"):
        assert expected[table], table
    assert len(expected["attractions_historicalattraction"]) >= 2  # django-simple-history's rows

    source_url = database_url(connection.settings_dict, connection.settings_dict["NAME"])
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "BACKUP_DIR": str(tmp_path / "backups")}
    backup = subprocess.run(
        ["bash", "scripts/backup.sh"],
        cwd=ROOT,
        env={**environment, "DATABASE_URL": source_url, "DJANGO_MEDIA_ROOT": str(tmp_path / "media")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert backup.returncode == 0, backup.stderr
    prefix = backup.stdout.strip().splitlines()[-1]
    assert prefix.startswith(str(tmp_path / "backups" / "g331-"))

    restore = subprocess.run(
        ["bash", "scripts/restore.sh", prefix],
        cwd=ROOT,
        env={**environment, "DATABASE_URL": restored_database, "DJANGO_MEDIA_ROOT": str(tmp_path / "restored-media")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restore.returncode == 0, restore.stderr

    with psycopg.connect(restored_database) as restored:
        for table, keys in expected.items():
            column = next(m._meta.pk.column for m in apps.get_models() if m._meta.db_table == table)
            found = [row[0] for row in restored.execute(f'SELECT "{column}" FROM "{table}" ORDER BY 1')]  # noqa: S608
            assert found == keys, table
    original = (tmp_path / "media" / photo.image.name).read_bytes()
    assert (tmp_path / "restored-media" / photo.image.name).read_bytes() == original

    # Restoring over a database that is not empty is refused.
    again = subprocess.run(
        ["bash", "scripts/restore.sh", prefix],
        cwd=ROOT,
        env={**environment, "DATABASE_URL": restored_database, "DJANGO_MEDIA_ROOT": str(tmp_path / "again")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode != 0 and "empty database" in again.stderr
