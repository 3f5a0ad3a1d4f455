import { z } from 'zod';

export const ListInvoicesQuery = z.object({
  status: z.enum(['draft', 'open', 'paid', 'void']).optional(),
  customerId: z.string().uuid().optional(),
  sort: z.string().default('created_at'),
  direction: z.string().default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListInvoicesQuery = z.infer<typeof ListInvoicesQuery>;

export const SearchCustomersQuery = z.object({ q: z.string().min(1), region: z.string().optional() });
export const AttachLogoBody = z.object({ logoUrl: z.string().url() });
