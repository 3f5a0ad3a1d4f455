"""Revenue exports for the finance team (daily pickup, ADR, RevPAR)."""
import argparse
import io
import os
import sys
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import create_engine, text

EXPORT_DIR = os.environ.get("REVENUE_EXPORT_DIR", "/var/lib/pms/reports")

_engine = None


def get_engine():
    global _engine
    if _engine is None:
        _engine = create_engine(os.environ["REVENUE_DB_URL"], pool_pre_ping=True)
    return _engine


def load_revenue(property_code, start, end):
    query = f"""
        SELECT res.arrival AS stay_date, res.channel, g.market_segment,
               rp.code AS rate_code, rp.base_rate AS room_revenue, 1 AS rooms_sold
        FROM reservations res
        JOIN guests g ON g.id = res.guest_id
        JOIN rate_plans rp ON rp.id = res.rate_plan_id
        WHERE res.property_code = '{property_code}'
          AND res.arrival BETWEEN '{start}' AND '{end}'
          AND res.status <> 'cancelled'
    """
    return pd.read_sql(query, get_engine(), parse_dates=["stay_date"])  #@vuln CWE-89


def load_pickup(property_code, as_of, days_back=7):
    query = text(
        """
        SELECT created_at::date AS booked_on, arrival AS stay_date, COUNT(*) AS rooms
        FROM reservations
        WHERE property_code = :prop AND created_at >= :since
        GROUP BY 1, 2
        """
    )
    since = as_of - timedelta(days=days_back)
    return pd.read_sql(query, get_engine(), params={"prop": property_code, "since": since})  #@safe


def summarise(frame, rooms_available):
    daily = frame.groupby("stay_date").agg(rooms_sold=("rooms_sold", "sum"), room_revenue=("room_revenue", "sum"))
    daily["occupancy"] = daily["rooms_sold"] / rooms_available
    daily["adr"] = daily["room_revenue"] / daily["rooms_sold"].where(daily["rooms_sold"] > 0)
    daily["revpar"] = daily["room_revenue"] / rooms_available
    return daily.round(2)


def revenue_to_xlsx(frame):
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="detail", index=False)
        if not frame.empty:
            frame.pivot_table(
                index="stay_date", columns="channel", values="room_revenue", aggfunc="sum", fill_value=0
            ).to_excel(writer, sheet_name="by_channel")
    buf.seek(0)
    return buf


def write_csv(frame, filename):
    export_name = os.path.basename(filename) or "revenue.csv"
    path = os.path.join(EXPORT_DIR, export_name)
    frame.to_csv(path, index=True)  #@safe
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description="Export revenue figures")
    parser.add_argument("--property", default=os.environ.get("PMS_PROPERTY_CODE", "GMR01"))
    parser.add_argument("--start", default=(date.today() - timedelta(days=30)).isoformat())
    parser.add_argument("--end", default=date.today().isoformat())
    parser.add_argument("--rooms", type=int, default=214)
    parser.add_argument("--where", help="row filter, e.g. \"channel == 'booking'\"")
    parser.add_argument("--out", default="revenue.csv")
    parser.add_argument("--pickup", action="store_true", help="also export 7-day pickup")
    args = parser.parse_args(argv)

    frame = load_revenue(args.property, args.start, args.end)
    if args.where:
        frame = frame.query(args.where, engine="python")  #@vuln CWE-94
    daily = summarise(frame, args.rooms)
    path = write_csv(daily, args.out)
    print(f"wrote {path}")
    if args.pickup:
        print("wrote", write_csv(load_pickup(args.property, date.today()), f"pickup-{date.today()}.csv"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
