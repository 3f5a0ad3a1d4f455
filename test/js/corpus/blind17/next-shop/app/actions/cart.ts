"use server";

import { randomBytes } from "crypto";
import { cookies } from "next/headers";
import { kv } from "@vercel/kv";

const CART_TTL = 60 * 60 * 24 * 14;

function newCartId() {
  return Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
}

export async function addToCart(productId: string, quantity = 1) {
  const jar = cookies();
  let cartId = jar.get("cart_id")?.value;
  if (!cartId) {
    cartId = newCartId();
    jar.set("cart_id", cartId, { path: "/", maxAge: CART_TTL, sameSite: "lax" }); //@vuln CWE-614|CWE-1004
  }
  await kv.hincrby(`cart:${cartId}`, productId, quantity);
  await kv.expire(`cart:${cartId}`, CART_TTL);
  return { cartId };
}

export async function startCheckout() {
  const jar = cookies();
  const cartId = jar.get("cart_id")?.value;
  if (!cartId) return { ok: false as const };
  const checkoutToken = randomBytes(32).toString("base64url"); //@safe
  await kv.set(`checkout:${checkoutToken}`, cartId, { ex: 900 });
  jar.set("checkout", checkoutToken, { httpOnly: true, secure: true, sameSite: "strict", path: "/checkout" }); //@safe
  return { ok: true as const };
}
