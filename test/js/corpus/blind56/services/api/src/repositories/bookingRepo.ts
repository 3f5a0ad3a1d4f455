import type { RowDataPacket } from "mysql2/promise";
import { prisma, pg, legacyDb, reportsDb } from "../db";

export interface ReservationRow {
  id: string;
  confirmation_code: string;
  guest_name: string;
  guest_email: string;
  check_in: string;
  check_out: string;
  status: "pending" | "confirmed" | "checked_in" | "checked_out" | "cancelled";
  total_cents: number;
}

export interface ReservationSearch {
  hotelId: string;
  sortBy?: string;
  direction?: string;
  guestName?: string;
}

const RESERVATION_COLUMNS =
  "id, confirmation_code, guest_name, guest_email, check_in, check_out, status, total_cents";

export async function findByGuestEmail(email: string) {
  return prisma.$queryRaw<ReservationRow[]>`SELECT id, confirmation_code, check_in, check_out, status FROM reservations WHERE guest_email = ${email} ORDER BY check_in DESC`;  //@safe
}

export async function searchReservations({
  hotelId,
  sortBy = "check_in",
  direction = "DESC",
  guestName,
}: ReservationSearch) {
  const params: unknown[] = [hotelId];
  let where = "hotel_id = $1";
  if (guestName) {
    params.push(`%${guestName}%`);
    where += ` AND guest_name ILIKE $${params.length}`;
  }
  const sql = `SELECT ${RESERVATION_COLUMNS} FROM reservations WHERE ${where} ORDER BY ${sortBy} ${direction} LIMIT 200`;
  const { rows } = await pg.query<ReservationRow>(sql, params);  //@vuln CWE-89
  return rows;
}

const ARRIVAL_SORT = new Map([
  ["checkIn", "check_in"],
  ["name", "guest_name"],
  ["total", "total_cents"],
]);

export async function listArrivals(hotelId: string, day: string, sort: string) {
  const column = ARRIVAL_SORT.get(sort) ?? "check_in";
  const { rows } = await pg.query<ReservationRow>(  //@safe
    `SELECT ${RESERVATION_COLUMNS} FROM reservations WHERE hotel_id = $1 AND check_in::date = $2 ORDER BY ${column}`,
    [hotelId, day],
  );
  return rows;
}

export async function findByConfirmation(code: string, lastName: string) {
  const { rows } = await pg.query<ReservationRow & { guest_id: string }>(  //@safe
    "SELECT r.*, g.id AS guest_id FROM reservations r JOIN guests g ON g.id = r.guest_id WHERE r.confirmation_code = $1 AND lower(g.last_name) = lower($2)",
    [code, lastName],
  );
  return rows[0] ?? null;
}

export async function listByStatus(hotelId: string, status: string) {
  return prisma.$queryRawUnsafe<ReservationRow[]>(  //@vuln CWE-89
    `SELECT ${RESERVATION_COLUMNS} FROM reservations WHERE hotel_id = '${hotelId}' AND status = '${status}' ORDER BY check_in`,
  );
}

export async function countByStatus(hotelId: string, status: string) {
  const result = await prisma.$queryRawUnsafe<{ count: bigint }[]>(  //@safe
    "SELECT count(*) AS count FROM reservations WHERE hotel_id = $1 AND status = $2",
    hotelId,
    status,
  );
  return Number(result[0]?.count ?? 0);
}

// ---- Channel rates (legacy PMS, MySQL) ----

interface ChannelRate extends RowDataPacket {
  rate_code: string;
  amount: string;
  currency: string;
}

export async function getChannelRates(channel: string, roomType: string) {
  const [rows] = await legacyDb.query<ChannelRate[]>(  //@vuln CWE-89
    "SELECT rate_code, amount, currency FROM channel_rates WHERE channel = '" + channel + "' AND room_type = ? AND active = 1",
    [roomType],
  );
  return rows;
}

export async function getRatePlan(id: number) {
  const [rows] = await legacyDb.execute<RowDataPacket[]>("SELECT * FROM rate_plans WHERE id = ?", [id]);  //@safe
  return rows[0] ?? null;
}

// ---- Reporting (read replica, knex) ----

export async function occupancyReport(hotelId: string, from: string, to: string) {
  const result = await reportsDb.raw(  //@vuln CWE-89
    `SELECT stay_date, rooms_sold, rooms_available FROM daily_occupancy WHERE hotel_id = '${hotelId}' AND stay_date BETWEEN '${from}' AND '${to}' ORDER BY stay_date`,
  );
  return result.rows;
}

export async function revenueByChannel(hotelId: string, from: string, to: string) {
  const result = await reportsDb.raw(  //@safe
    "SELECT channel, sum(revenue_cents) AS revenue_cents FROM channel_revenue WHERE hotel_id = ? AND stay_date BETWEEN ? AND ? GROUP BY channel",
    [hotelId, from, to],
  );
  return result.rows;
}

export async function searchStayHistory(hotelId: string, term: string) {
  const base = reportsDb("stay_history")
    .select("guest_name", "room_number", "check_in", "check_out", "folio_total_cents")
    .where("hotel_id", hotelId);
  return base.whereRaw(`guest_name ILIKE '%${term}%'`).orderBy("check_in", "desc").limit(100);  //@vuln CWE-89
}
