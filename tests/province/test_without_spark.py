"""A county's renpu works without PySpark: nothing outside a Spark run imports it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# Import everything a county uses with pyspark made unimportable, then link a few records.
SCRIPT = textwrap.dedent("""
    import importlib, pkgutil, sys
    import datetime as dt

    class NoSpark:
        def find_spec(self, name, path=None, target=None):
            if name == "pyspark" or name.startswith("pyspark."):
                raise ImportError("pyspark is not installed (test)")

    sys.meta_path.insert(0, NoSpark())
    import renpu, renpu.cli
    skip = ("renpu.web", "renpu.__main__")
    for module in pkgutil.walk_packages(renpu.__path__, "renpu."):
        if not module.name.startswith(skip):
            importlib.import_module(module.name)

    import pyarrow as pa
    from renpu.core import linkage, names
    people = pa.table({"rid": ["a", "b"], "id_number": ["421126199001011233", None], "name": ["张晓明", "李娜"],
                       "name_py": [names.pinyin_key("张晓明"), names.pinyin_key("李娜")], "sex": ["1", "2"],
                       "birth_date": [dt.date(1990, 1, 1), dt.date(1985, 6, 30)]})
    links = linkage.link(people, people, linkage.LinkOptions(train=False))
    assert set(links.table["method"].to_pylist()) == {"exact_id", "probabilistic"}, links.table  # Splink ran
    assert not any(name == "pyspark" or name.startswith("pyspark.") for name in sys.modules)
    print("ok")
""")


def test_county_modules_and_linkage_run_without_pyspark() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
