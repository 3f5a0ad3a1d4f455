"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { QueryTypes } from "sequelize";
import { z } from "zod";
import { prisma, loyaltyDb, API_BASE, currentGuest, isLocalPath } from "@/lib/server";

export type ActionState = { error?: string; ok?: boolean };

const manageBooking = z.object({
  code: z.string().trim().min(4).max(16),
  lastName: z.string().trim().min(1).max(80),
});

export async function manageBookingSignIn(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = manageBooking.safeParse({ code: formData.get("code"), lastName: formData.get("lastName") });
  if (!parsed.success) return { error: "Please enter your confirmation code and last name." };

  const res = await fetch(`${API_BASE}/v1/reservations/lookup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(parsed.data),
    cache: "no-store",
  });
  if (!res.ok) return { error: "We couldn't find that booking." };

  const { guestToken } = (await res.json()) as { guestToken: string };
  const store = await cookies();
  store.set("hl_guest", guestToken, { path: "/", maxAge: 60 * 60 * 24 * 14 });  //@vuln CWE-614|CWE-1004

  const returnTo = String(formData.get("returnTo") ?? "/account");
  redirect(returnTo);  //@vuln CWE-601
}

export async function switchHotel(formData: FormData) {
  const hotelId = z.string().uuid().parse(formData.get("hotelId"));
  const next = String(formData.get("next") ?? "/");
  const store = await cookies();
  store.set("hl_hotel", hotelId, { httpOnly: true, secure: true, sameSite: "lax", path: "/" });  //@safe
  redirect(isLocalPath(next) ? next : "/");  //@safe
}

export async function updateSpecialRequest(reservationId: string, formData: FormData) {
  const guest = await currentGuest();
  if (!guest) redirect("/login");

  const note = String(formData.get("note") ?? "").slice(0, 500);
  await prisma.$executeRawUnsafe(  //@vuln CWE-89
    `UPDATE reservations SET special_request = '${note}', updated_at = now() WHERE id = '${reservationId}' AND guest_id = '${guest._id}'`,
  );
  revalidatePath(`/account/reservations/${reservationId}`);
}

export async function submitReview(hotelId: string, formData: FormData) {
  const guest = await currentGuest();
  if (!guest) redirect("/login");
  const body = z.string().min(20).max(4000).parse(formData.get("body"));
  const rating = z.coerce.number().int().min(1).max(5).parse(formData.get("rating"));
  await prisma.review.create({ data: { hotelId, guestId: guest._id, body, rating } });
  revalidatePath("/search");
}

export interface LoyaltyTxn {
  txn_date: string;
  description: string;
  points: number;
}

export async function loyaltyHistory(memberNumber: string, year: string): Promise<LoyaltyTxn[]> {
  return loyaltyDb.query<LoyaltyTxn>(  //@vuln CWE-89
    `SELECT txn_date, description, points FROM loyalty_txn WHERE member_no = '${memberNumber}' AND YEAR(txn_date) = ${year} ORDER BY txn_date DESC`,
    { type: QueryTypes.SELECT },
  );
}

export async function loyaltyBalance(memberNumber: string): Promise<number> {
  const rows = await loyaltyDb.query<{ balance: number }>(  //@safe
    "SELECT COALESCE(SUM(points), 0) AS balance FROM loyalty_txn WHERE member_no = :memberNumber",
    { replacements: { memberNumber }, type: QueryTypes.SELECT },
  );
  return Number(rows[0]?.balance ?? 0);
}
