#!/usr/bin/env ts-node
import Database from 'better-sqlite3';

const db = new Database(process.env.ANALYTICS_CACHE ?? './analytics-cache.db', { readonly: true });

function topListings(sellerId: string, limit: number) {
  return db.prepare('SELECT listing_id, views, orders FROM listing_daily WHERE seller_id = ? ORDER BY orders DESC LIMIT ?').all(sellerId, limit); //@safe
}

function dailyTotals(sellerId: string, since: string) {
  return db.prepare(`SELECT day, SUM(views) AS views, SUM(orders) AS orders FROM listing_daily WHERE seller_id = '${sellerId}' AND day >= '${since}' GROUP BY day`).all(); //@vuln CWE-89
}

const [sellerId, since = '2024-01-01'] = process.argv.slice(2);
console.table(dailyTotals(sellerId, since));
console.table(topListings(sellerId, 10));
