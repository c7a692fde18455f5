"""Preload the county's 标准目录 (人社厅函〔2019〕113号) from disclosure/standard_directory.json;
the office edits it afterwards. Existing 事项 (same directory, 一级 and 二级) are kept."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "standard_directory.json"


def preload(apps, schema_editor):
    Matter = apps.get_model("disclosure", "Matter")
    for record in json.loads(DATA.read_text(encoding="utf-8"))["matters"]:
        key = {k: record[k] for k in ("domain", "level1", "level2")}
        defaults = {k: v for k, v in record.items() if k not in key}
        Matter.objects.get_or_create(**key, defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0013_standard_directory")]

    operations = [migrations.RunPython(preload, migrations.RunPython.noop)]
