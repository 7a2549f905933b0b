"""Parquet partitioned by month: a folder of Hive-style partitions (month=2014-06/…parquet) of events or clusters.

Reads the events or clusters table through Store (Store.copy_to_month_partitions); writes a new folder. Partitions
hold the same flattened columns as `--format parquet`; the month is taken from date_start (the first day the
event's date covers), and events without a date go to month=undated. pandas.read_parquet(folder) and
pyarrow.dataset read the folder back with `month` as a column; DuckDB reads it with
read_parquet('folder/*/*.parquet', hive_partitioning = true).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from dateline.store import Store

PARTITIONED_FORMAT = "parquet-month"
UNDATED = "undated"


def write_month_partitions(store: Store, table: str, folder: Path) -> int:
    """Write `table` (events or clusters) into `folder` (which must not exist yet), one partition per month.

    Written to `folder.part` first and renamed when complete, so a failed export leaves no half-written folder.
    """
    if folder.exists():
        raise FileExistsError(f"{folder} already exists: parquet-month writes a new folder")
    partial = folder.with_name(folder.name + ".part")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        count = store.copy_to_month_partitions(table, partial, UNDATED)
        if not partial.exists():  # an empty table writes no partition: still leave an (empty) folder
            partial.mkdir()
        partial.rename(folder)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return count
