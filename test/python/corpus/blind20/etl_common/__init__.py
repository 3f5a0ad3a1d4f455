"""Helpers shared by the serving API, ETL jobs, portal and dashboards."""
__version__ = "0.9.4"
