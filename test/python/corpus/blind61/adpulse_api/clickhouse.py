"""Thin wrapper around clickhouse-connect for the reporting endpoints."""
from __future__ import annotations

from datetime import date
from typing import Any

import clickhouse_connect
from clickhouse_connect.driver.client import Client

from adpulse_api.settings import get_settings

METRICS = {
    "impressions": "sum(impressions)",
    "clicks": "sum(clicks)",
    "conversions": "sum(conversions)",
    "spend": "sum(spend_micros) / 1000000",
    "ctr": "sum(clicks) / nullIf(sum(impressions), 0)",
    "cpa": "(sum(spend_micros) / 1000000) / nullIf(sum(conversions), 0)",
}

DIMENSIONS = {
    "day": "toDate(event_time)",
    "hour": "toStartOfHour(event_time)",
    "campaign": "campaign_id",
    "creative": "creative_id",
    "country": "geo_country",
    "device": "device_type",
    "placement": "placement",
}

CREATIVE_SORT = {"impressions", "clicks", "conversions", "spend"}

_client: Client | None = None


def get_client() -> Client:
    global _client
    if _client is None:
        s = get_settings()
        _client = clickhouse_connect.get_client(host=s.clickhouse_host, port=s.clickhouse_port, username=s.clickhouse_user, password=s.clickhouse_password, secure=True, verify=True, ca_cert=s.ca_bundle)  #@safe
    return _client


def _rows(result) -> list[dict[str, Any]]:
    return [dict(zip(result.column_names, row)) for row in result.result_rows]


def campaign_daily(campaign_id: int, start: date, end: date) -> list[dict[str, Any]]:
    result = get_client().query(  #@safe
        "SELECT toDate(event_time) AS day, sum(impressions) AS impressions, sum(clicks) AS clicks, "
        "sum(spend_micros) / 1000000 AS spend FROM events "
        "WHERE campaign_id = {cid:UInt64} AND toDate(event_time) BETWEEN {start:Date} AND {end:Date} "
        "GROUP BY day ORDER BY day",
        parameters={"cid": campaign_id, "start": start, "end": end},
    )
    return _rows(result)


def breakdown(
    advertiser_id: int,
    dimension: str,
    metrics: list[str],
    where: str | None = None,
    sort: str = "bucket",
    descending: bool = False,
) -> list[dict[str, Any]]:
    columns = [f"{METRICS[m]} AS {m}" for m in metrics if m in METRICS]
    if not columns:
        columns = [f"{METRICS['impressions']} AS impressions"]
    bucket = DIMENSIONS.get(dimension, DIMENSIONS["day"])
    sql = f"SELECT {bucket} AS bucket, {', '.join(columns)} FROM events WHERE advertiser_id = {int(advertiser_id)}"
    if where:
        sql += " AND (" + where + ")"
    order = sort if sort in METRICS or sort == "bucket" else "bucket"
    sql += f" GROUP BY bucket ORDER BY {order} {'DESC' if descending else 'ASC'} LIMIT 5000"
    return _rows(get_client().query(sql))  #@vuln CWE-89


def top_creatives(advertiser_id: int, sort: str, limit: int = 50) -> list[dict[str, Any]]:
    order = sort if sort in CREATIVE_SORT else "impressions"
    sql = (
        "SELECT creative_id, sum(impressions) AS impressions, sum(clicks) AS clicks, "
        "sum(conversions) AS conversions, sum(spend_micros) / 1000000 AS spend FROM events "
        f"WHERE advertiser_id = {{adv:UInt64}} GROUP BY creative_id ORDER BY {order} DESC LIMIT {{lim:UInt32}}"
    )
    return _rows(get_client().query(sql, parameters={"adv": advertiser_id, "lim": min(limit, 500)}))  #@safe


def search_placements(advertiser_id: int, term: str) -> list[dict[str, Any]]:
    sql = (
        "SELECT placement, sum(impressions) AS impressions, sum(clicks) AS clicks FROM events "
        "WHERE advertiser_id = %d AND placement ILIKE '%%%s%%' "
        "GROUP BY placement ORDER BY impressions DESC LIMIT 100" % (advertiser_id, term)
    )
    return _rows(get_client().query(sql))  #@vuln CWE-89


def export_events(advertiser_id: int, campaign_ids: list[int], start: date, end: date):
    return get_client().query_df(
        "SELECT event_time, campaign_id, creative_id, geo_country, device_type, impressions, clicks, "
        "conversions, spend_micros FROM events WHERE advertiser_id = {adv:UInt64} "
        "AND campaign_id IN {ids:Array(UInt64)} AND toDate(event_time) BETWEEN {start:Date} AND {end:Date}",
        parameters={"adv": advertiser_id, "ids": campaign_ids, "start": start, "end": end},
    )
