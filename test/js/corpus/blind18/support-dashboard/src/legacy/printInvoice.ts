// Ported from the old jQuery dashboard; still used by the billing tab.
export function openPrintView(invoiceUrl: string) {
  const params = new URLSearchParams(window.location.search);
  const title = params.get('title') ?? 'Invoice';
  const win = window.open('', '_blank', 'width=900,height=1200');
  if (!win) return;
  win.document.write(`<html><head><title>${title}</title></head><body onload="window.print()"><iframe src="${encodeURI(invoiceUrl)}" style="border:0;width:100%;height:100%"></iframe></body></html>`); //@vuln CWE-79
  win.document.close();
}

export function scheduleAutoRefresh() {
  const panel = new URLSearchParams(window.location.search).get('panel') || 'overview';
  setTimeout(`window.legacyDashboard && window.legacyDashboard.refresh('${panel}')`, 30000); //@vuln CWE-95
}
