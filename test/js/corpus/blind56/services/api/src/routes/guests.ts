import { Hono } from "hono";
import mongoose, { Schema } from "mongoose";
import { z } from "zod";
import { mongoClient } from "../db";
import { requireGuest, requireStaff, hashLegacyPin, signGuestToken, type AuthEnv } from "../lib/auth";
import { mergeSettings, type Dict } from "../lib/util";

const guestProfileSchema = new Schema(
  {
    email: { type: String, index: true },
    firstName: String,
    lastName: String,
    phone: String,
    loyalty: {
      number: { type: String, index: true },
      tier: { type: String, enum: ["blue", "silver", "gold", "platinum"], default: "blue" },
      points: { type: Number, default: 0 },
    },
    pinHash: String,
    notificationSettings: { type: Schema.Types.Mixed, default: {} },
  },
  { timestamps: true },
);

export const GuestProfile = mongoose.models.GuestProfile ?? mongoose.model("GuestProfile", guestProfileSchema);

export const guests = new Hono<AuthEnv>();

// Front desk lookup when a walk-in guest gives their e-mail
guests.post("/lookup", requireStaff, async (c) => {
  const { email, lastName } = await c.req.json();
  const profile = await GuestProfile.findOne({ email, lastName }).lean();  //@vuln CWE-943
  return profile ? c.json(profile) : c.json({ error: "Not found" }, 404);
});

const loyaltyLogin = z.object({
  number: z.string().min(6).max(20),
  pin: z.string().regex(/^\d{4,6}$/),
});

guests.post("/loyalty/login", async (c) => {
  const { number, pin } = loyaltyLogin.parse(await c.req.json());
  const profile = await GuestProfile.findOne({ "loyalty.number": number, pinHash: hashLegacyPin(pin) });  //@safe
  if (!profile) return c.json({ error: "Invalid member number or PIN" }, 401);
  return c.json({ guestToken: signGuestToken({ sub: String(profile._id), email: profile.email }) });
});

guests.get("/by-tier", requireStaff, async (c) => {
  const tier = c.req.query("tier") ?? "silver";
  const members = await GuestProfile.find({ $where: `this.loyalty && this.loyalty.tier === '${tier}'` }).limit(500);  //@vuln CWE-943
  return c.json(members.map((m) => ({ id: m._id, name: `${m.firstName} ${m.lastName}`, points: m.loyalty?.points })));
});

guests.post("/stays/search", requireStaff, async (c) => {
  const criteria = await c.req.json<Dict>();
  const stayHistory = mongoClient.db().collection("stay_history");
  const stays = await stayHistory.find({ hotelId: c.get("staff").hotelId, ...criteria }).sort({ checkIn: -1 }).limit(100).toArray();  //@vuln CWE-943
  return c.json(stays);
});

guests.get("/me", requireGuest, async (c) => {
  const profile = await GuestProfile.findById(c.get("guest").sub).select("-pinHash").lean();
  return profile ? c.json(profile) : c.json({ error: "Not found" }, 404);
});

guests.patch("/me/notifications", requireGuest, async (c) => {
  const profile = await GuestProfile.findById(c.get("guest").sub);
  if (!profile) return c.json({ error: "Not found" }, 404);
  const updated = mergeSettings({ ...(profile.notificationSettings ?? {}) }, await c.req.json<Dict>());
  profile.set("notificationSettings", updated);
  await profile.save();
  return c.json(updated);
});
