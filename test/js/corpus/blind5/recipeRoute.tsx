// Recipe-sharing site: Next.js app-router handlers plus the recipe card component
import { NextRequest, NextResponse } from 'next/server';
import vm from 'node:vm';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import React from 'react';
import sanitizeHtml from 'sanitize-html';
import { db } from '@/lib/db';

const RECIPE_ASSETS = path.join(process.cwd(), 'recipe-assets');
const UNIT_FACTORS: Record<string, number> = { g: 1, kg: 1000, oz: 28.3495, lb: 453.592 };

type ScaleBody = { formula?: string; servings?: number; unit?: string };

// app/api/recipes/[id]/scale/route.ts
export async function POST(req: NextRequest, { params }: { params: { id: string } }) {
  const body = (await req.json()) as ScaleBody;
  const recipe = await db.recipe.findUnique({ where: { id: params.id } }); //@safe
  if (!recipe) return NextResponse.json({ error: 'not found' }, { status: 404 });
  const scaler = new Function('qty', 'servings', `return ${body.formula};`); //@vuln CWE-95|CWE-94
  const scaled = recipe.ingredients.map((i: { qty: number }) => scaler(i.qty, body.servings));
  return NextResponse.json({ scaled });
}

export async function PUT(req: NextRequest, { params }: { params: { id: string } }) {
  const body = (await req.json()) as ScaleBody;
  const factor = UNIT_FACTORS[body.unit ?? 'g'] ?? 1;
  const servings = Number(body.servings) || 1;
  const recipe = await db.recipe.findUnique({ where: { id: params.id } });
  const scaled = recipe?.ingredients.map((i: { qty: number }) => i.qty * factor * servings) ?? []; //@safe
  return NextResponse.json({ scaled });
}

export async function PATCH(req: NextRequest) {
  const { expression } = await req.json();
  const sandbox = { result: 0 };
  vm.runInNewContext(`result = ${expression}`, sandbox, { timeout: 50 }); //@vuln CWE-95|CWE-94
  return NextResponse.json(sandbox);
}

export async function GET(req: NextRequest) {
  const nutrition = req.nextUrl.searchParams.get('calc') ?? '0';
  const total = eval(nutrition); //@vuln CWE-95|CWE-94
  return NextResponse.json({ total });
}

// app/api/recipes/assets/route.ts
export async function assetHandler(req: NextRequest) {
  const file = req.nextUrl.searchParams.get('file') ?? '';
  const data = await readFile(path.join(RECIPE_ASSETS, file)); //@vuln CWE-22
  return new NextResponse(data);
}

export async function assetHandlerSafe(req: NextRequest) {
  const file = req.nextUrl.searchParams.get('file') ?? '';
  const resolved = path.resolve(RECIPE_ASSETS, file);
  if (!resolved.startsWith(RECIPE_ASSETS + path.sep)) return new NextResponse(null, { status: 400 });
  const data = await readFile(resolved); //@safe
  return new NextResponse(data);
}

// app/api/recipes/import/route.ts
export async function importFromSite(req: NextRequest) {
  const { sourceUrl } = await req.json();
  const page = await fetch(sourceUrl, { cache: 'no-store' }); //@vuln CWE-918
  return NextResponse.json({ length: (await page.text()).length });
}

export async function goToSource(req: NextRequest) {
  const to = req.nextUrl.searchParams.get('to') ?? '/';
  return NextResponse.redirect(to); //@vuln CWE-601
}

export async function goToRecipe(req: NextRequest) {
  const id = req.nextUrl.searchParams.get('id') ?? '';
  return NextResponse.redirect(new URL(`/recipes/${encodeURIComponent(id)}`, req.url)); //@safe
}

// app/recipes/preview/page.tsx
type PreviewProps = { searchParams: { title?: string; method?: string; bio?: string } };

export default function RecipePreviewPage({ searchParams }: PreviewProps) {
  const { title = 'Untitled', method = '', bio = '' } = searchParams;
  const methodBlock = React.createElement('div', { className: 'method', dangerouslySetInnerHTML: { __html: method } }); //@vuln CWE-79
  const bioBlock = React.createElement('aside', { dangerouslySetInnerHTML: { __html: sanitizeHtml(bio) } }); //@safe
  return (
    <article className="recipe-card">
      <h2>{title}</h2>
      {methodBlock}
      {bioBlock}
    </article>
  );
}
