"""The province: many counties' exports compared at once, on DuckDB or on Apache Spark.

Each county sends ``renpu export province`` (Parquet partitioned by county);
``renpu province compare`` runs the cross-county comparisons (duplicates,
人户分离, province-wide department records) with the same linkage definitions
on either engine, and writes each county's findings back as contract files.

Nothing here imports pyspark at module level: a county's renpu runs without it.
"""
