import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';

type QuoteInput = { weight: number; distance: number; zone: string; surchargeFormula?: string };

const BASE_PER_KG = 0.42;
const BASE_PER_KM = 0.11;

function evaluateSurcharge(expr: string, ctx: { weight: number; distance: number; zone: string }) {
  const fn = new Function('weight', 'distance', 'zone', `return (${expr});`); //@vuln CWE-95
  return Number(fn(ctx.weight, ctx.distance, ctx.zone)) || 0;
}

export const POST: RequestHandler = async ({ request }) => {
  const { weight, distance, zone, surchargeFormula } = (await request.json()) as QuoteInput;
  const base = weight * BASE_PER_KG + distance * BASE_PER_KM;
  const surcharge = surchargeFormula ? evaluateSurcharge(surchargeFormula, { weight, distance, zone }) : 0;
  return json({ base: +base.toFixed(2), surcharge: +surcharge.toFixed(2), total: +(base + surcharge).toFixed(2) });
};

export const GET: RequestHandler = async ({ url }) => {
  const zone = url.searchParams.get('zone') ?? '';
  const html = `<html><body><h3>Quote for zone ${zone}</h3><p>Please submit the quote form to continue.</p></body></html>`;
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }); //@vuln CWE-79
};
