import { Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { prisma } from "../db";
import {
  requireGuest,
  requireStaff,
  generateConfirmationCode,
  signGuestToken,
  type AuthEnv,
} from "../lib/auth";
import * as bookings from "../repositories/bookingRepo";
import { deepMerge, setByPath, todayIso, type Dict } from "../lib/util";

export const reservations = new Hono<AuthEnv>();

reservations.get("/", requireStaff, async (c) => {
  const staff = c.get("staff");
  const { sort, dir, guest } = c.req.query();
  const rows = await bookings.searchReservations({
    hotelId: staff.hotelId,
    sortBy: sort,
    direction: dir,
    guestName: guest,
  });
  return c.json(rows);
});

reservations.get("/arrivals", requireStaff, async (c) => {
  const day = c.req.query("day") ?? todayIso();
  const rows = await bookings.listArrivals(c.get("staff").hotelId, day, c.req.query("sort") ?? "checkIn");
  return c.json(rows);
});

reservations.get("/status/:status", requireStaff, async (c) => {
  const { hotelId } = c.get("staff");
  const status = c.req.param("status");
  const [rows, total] = await Promise.all([
    bookings.listByStatus(hotelId, status),
    bookings.countByStatus(hotelId, status),
  ]);
  return c.json({ total, rows });
});

reservations.get("/history", requireStaff, async (c) => {
  const rows = await bookings.searchStayHistory(c.get("staff").hotelId, c.req.query("q") ?? "");
  return c.json(rows);
});

// Guests without an account manage their booking with code + last name
reservations.post("/lookup", async (c) => {
  const body = await c.req.json<{ code?: unknown; lastName?: unknown }>();
  const reservation = await bookings.findByConfirmation(String(body.code ?? ""), String(body.lastName ?? ""));
  if (!reservation) {
    return c.json({ error: "No booking found" }, 404);
  }
  const guestToken = signGuestToken({
    sub: reservation.guest_id,
    email: reservation.guest_email,
    reservationId: reservation.id,
  });
  return c.json({ reservation, guestToken });
});

const createReservation = z.object({
  hotelId: z.string().uuid(),
  roomTypeId: z.string().uuid(),
  ratePlanId: z.number().int().positive(),
  checkIn: z.coerce.date(),
  checkOut: z.coerce.date(),
  adults: z.number().int().min(1).max(6),
  children: z.number().int().min(0).max(6).default(0),
  specialRequest: z.string().max(500).optional(),
});

reservations.post("/", requireGuest, async (c) => {
  const input = createReservation.parse(await c.req.json());
  const plan = await bookings.getRatePlan(input.ratePlanId);
  if (!plan) return c.json({ error: "Unknown rate plan" }, 400);

  const nights = Math.round((input.checkOut.getTime() - input.checkIn.getTime()) / 86_400_000);
  const reservation = await prisma.reservation.create({
    data: {
      hotelId: input.hotelId,
      roomTypeId: input.roomTypeId,
      guestId: c.get("guest").sub,
      checkIn: input.checkIn,
      checkOut: input.checkOut,
      adults: input.adults,
      children: input.children,
      specialRequest: input.specialRequest,
      totalCents: Math.round(Number(plan.amount) * 100) * nights,
      confirmationCode: generateConfirmationCode(),
      status: "pending",
    },
  });
  return c.json(reservation, 201);
});

reservations.patch("/:id/preferences", requireGuest, async (c) => {
  const existing = await prisma.reservation.findFirst({
    where: { id: c.req.param("id"), guestId: c.get("guest").sub },
  });
  if (!existing) return c.json({ error: "Not found" }, 404);

  const patch = await c.req.json<Dict>();
  const preferences = deepMerge({ ...((existing.preferences as Dict | null) ?? {}) }, patch);
  await prisma.reservation.update({ where: { id: existing.id }, data: { preferences } });
  return c.json(preferences);
});

reservations.post("/:id/notes", requireStaff, async (c) => {
  const { field, value } = await c.req.json<{ field: string; value: unknown }>();
  const existing = await prisma.reservation.findUniqueOrThrow({ where: { id: c.req.param("id") } });
  const notes = setByPath({ ...((existing.internalNotes as Dict | null) ?? {}) }, field, value);
  await prisma.reservation.update({ where: { id: existing.id }, data: { internalNotes: notes } });
  return c.json(notes);
});

// Landing page shown after the payment redirect from Stripe Checkout
reservations.get("/thank-you", (c) => {
  const name = c.req.query("name") ?? "guest";
  const code = c.req.query("code") ?? "";
  return c.html(`<main class="thanks"><h1>Thank you, ${name}!</h1><p>Your confirmation code is <strong>${code}</strong>.</p></main>`);  //@vuln CWE-79
});

reservations.get("/cancelled", (c) => {
  const name = c.req.query("name") ?? "guest";
  return c.html(html`<main class="thanks"><h1>Sorry to see you go, ${name}.</h1><p>Your booking has been cancelled.</p></main>`);  //@safe
});
