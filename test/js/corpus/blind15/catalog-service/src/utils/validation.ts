export function escapeRegex(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function isValidSku(sku: string): boolean {
  return /^([A-Za-z0-9]+[-_]?)+$/.test(sku); //@vuln CWE-1333
}

export function isValidSlug(slug: string): boolean {
  return slug.length <= 120 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug); //@safe
}
