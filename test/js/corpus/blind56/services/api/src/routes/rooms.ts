import { Hono } from "hono";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { prisma } from "../db";
import { config } from "../config";
import { requireStaff, type AuthEnv } from "../lib/auth";
import * as bookings from "../repositories/bookingRepo";
import { escapeRegExp, resolveInside } from "../lib/util";

export const rooms = new Hono<AuthEnv>();

const CONTENT_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
};

rooms.get("/:hotelId/occupancy", requireStaff, async (c) => {
  const hotelId = c.req.param("hotelId");
  const { from, to } = c.req.query();
  return c.json(await bookings.occupancyReport(hotelId, from, to));
});

rooms.get("/:hotelId/revenue", requireStaff, async (c) => {
  const { from, to } = c.req.query();
  return c.json(await bookings.revenueByChannel(c.req.param("hotelId"), from, to));
});

rooms.get("/rates", async (c) => {
  const channel = c.req.query("channel") ?? "direct";
  const roomType = c.req.query("roomType") ?? "STD";
  const rates = await bookings.getChannelRates(channel, roomType);
  return c.json(rates);
});

rooms.get("/rate-plans/:id", async (c) => {
  const plan = await bookings.getRatePlan(Number(c.req.param("id")));
  return plan ? c.json(plan) : c.json({ error: "Not found" }, 404);
});

// Amenity search on the booking page ("sea view", "balcony|terrace", ...)
rooms.get("/search", async (c) => {
  const q = c.req.query("q") ?? "";
  const amenityPattern = new RegExp(q, "i");  //@vuln CWE-1333
  const roomTypes = await prisma.roomType.findMany({
    where: { hotelId: c.req.query("hotelId") },
    include: { amenities: true },
  });
  return c.json(roomTypes.filter((rt) => rt.amenities.some((a) => amenityPattern.test(a.name))));
});

rooms.get("/search/by-name", async (c) => {
  const pattern = new RegExp(escapeRegExp(c.req.query("q") ?? ""), "i");  //@safe
  const roomTypes = await prisma.roomType.findMany({ where: { hotelId: c.req.query("hotelId") } });
  return c.json(roomTypes.filter((rt) => pattern.test(rt.name)));
});

rooms.get("/photos", async (c) => {
  const { hotel = "", file = "" } = c.req.query();
  const data = await readFile(path.join(config.photoRoot, hotel, file));  //@vuln CWE-22
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  return c.body(data, 200, { "content-type": type, "cache-control": "public, max-age=86400" });
});

rooms.get("/floorplans", async (c) => {
  const target = resolveInside(path.join(config.photoRoot, "floorplans"), c.req.query("name") ?? "");
  if (!target) return c.json({ error: "Not found" }, 404);
  const data = await readFile(target);  //@safe
  return c.body(data, 200, { "content-type": CONTENT_TYPES[path.extname(target)] ?? "image/png" });
});

// Revenue managers preview promo formulas before publishing them
rooms.post("/pricing/preview", requireStaff, async (c) => {
  const { formula, nights, nightlyRate } = await c.req.json<{
    formula: string;
    nights: number;
    nightlyRate: number;
  }>();
  const evaluate = new Function("nights", "rate", `"use strict"; return (${formula});`);  //@vuln CWE-94
  const total = Number(evaluate(nights, nightlyRate));
  return c.json({ total: Math.round(total * 100) / 100 });
});
