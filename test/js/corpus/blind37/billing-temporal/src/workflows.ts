import { proxyActivities, log } from '@temporalio/workflow';
import type * as activities from './activities';

export interface InvoiceInput {
  accountId: string;
  period: string; // YYYY-MM
  customerName: string;
  invoiceNumber: string;
  currency: string;
  webhookUrl?: string;
  couponCode?: string;
}

const { loadAccount, computeCharges, applyCredits, renderInvoicePdf, signInvoice, notifyWebhook } = proxyActivities<typeof activities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 5, initialInterval: '5s', backoffCoefficient: 2 },
});

const { chargeAccount } = proxyActivities<typeof activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 1 },
});

export async function monthlyInvoiceWorkflow(input: InvoiceInput): Promise<string> {
  const account = await loadAccount(input.accountId);
  if (!account) throw new Error(`unknown account ${input.accountId}`);

  const lines = await computeCharges(input);
  const credit = input.couponCode ? await applyCredits(input.accountId, input.couponCode) : 0;
  const total = lines.reduce((sum, l) => sum + Number(l.amount), 0) - credit;

  if (total <= 0) {
    log.info('nothing to invoice', { accountId: input.accountId, period: input.period });
    return 'empty';
  }

  const pdfPath = await renderInvoicePdf(input, lines, total);
  const signature = await signInvoice(pdfPath);

  await chargeAccount(input.accountId, total, input.currency);

  if (input.webhookUrl) {
    await notifyWebhook(input.webhookUrl, { invoiceNumber: input.invoiceNumber, total, signature });
  }
  return pdfPath;
}
