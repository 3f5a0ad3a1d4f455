import type { Actions } from './$types';
import { fail, redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';

type Prefs = Record<string, any>;

function mergePrefs(target: Prefs, source: Prefs): Prefs {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key]) target[key] = {};
      mergePrefs(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

function formToNested(form: FormData): Prefs {
  const out: Prefs = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith('prefs.')) continue;
    const [, section, field] = name.split('.');
    out[section] ??= {};
    out[section][field] = String(value); //@vuln CWE-1321
  }
  return out;
}

async function savePrefs(customerId: number, prefs: Prefs) {
  await db('customers').where({ id: customerId }).update({ preferences: JSON.stringify(prefs) });
}

export const actions: Actions = {
  preferences: async ({ request, locals }) => {
    const form = await request.formData();
    await savePrefs(locals.user!.id, mergePrefs(locals.user!.preferences ?? {}, formToNested(form)));
    return { saved: true };
  },

  importPreferences: async ({ request, locals }) => {
    const form = await request.formData();
    let incoming: Prefs;
    try { incoming = JSON.parse(String(form.get('json') ?? '{}')); } catch { return fail(400, { error: 'invalid JSON' }); }
    await savePrefs(locals.user!.id, mergePrefs({ ...locals.user!.preferences }, incoming));
    return { saved: true };
  },

  address: async ({ request, locals, url }) => {
    const form = await request.formData();
    const [street, city, postcode] = ['street', 'city', 'postcode'].map((k) => String(form.get(k) ?? '').trim());
    if (!street || !city) return fail(400, { street, city, missing: true });
    await db('customer_addresses').insert({ customer_id: locals.user!.id, street, city, postcode });
    const next = url.searchParams.get('next') ?? '/account';
    throw redirect(303, next); //@vuln CWE-601
  },
};
