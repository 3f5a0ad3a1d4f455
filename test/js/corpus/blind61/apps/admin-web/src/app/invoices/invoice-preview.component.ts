import { Component, ElementRef, OnDestroy, OnInit, SecurityContext, ViewChild } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { HttpClient } from '@angular/common/http';
import { DomSanitizer, SafeHtml, SafeResourceUrl } from '@angular/platform-browser';
import { Subscription, switchMap } from 'rxjs';

interface InvoiceDto {
  id: number;
  number: string;
  status: string;
  total: number;
  currency: string;
  notes: string;
  customerMessage: string;
  pdfUrl: string;
}

@Component({
  selector: 'app-invoice-preview',
  template: `
    <header class="preview-header">
      <h2>{{ invoice?.number }}</h2>
      <span class="badge" [class]="'badge-' + invoice?.status">{{ invoice?.status }}</span>
      <span class="total">{{ invoice?.total | currency: invoice?.currency }}</span>
    </header>
    <div #banner class="banner"></div>
    <section class="notes" [innerHTML]="notesHtml"></section>
    <section class="customer-message" [innerHTML]="messageHtml"></section>
    <iframe *ngIf="pdfSrc" [src]="pdfSrc" title="Invoice PDF" class="pdf-frame"></iframe>
    <footer>
      <button type="button" (click)="back()">Back</button>
      <button type="button" class="primary" (click)="approve()" [disabled]="invoice?.status !== 'draft'">Approve</button>
    </footer>
  `,
})
export class InvoicePreviewComponent implements OnInit, OnDestroy {
  @ViewChild('banner', { static: true }) banner!: ElementRef<HTMLDivElement>;

  invoice?: InvoiceDto;
  notesHtml: string | null = '';
  messageHtml: SafeHtml = '';
  pdfSrc?: SafeResourceUrl;
  private sub?: Subscription;

  constructor(
    private readonly route: ActivatedRoute,
    private readonly router: Router,
    private readonly http: HttpClient,
    private readonly sanitizer: DomSanitizer,
  ) {}

  ngOnInit(): void {
    const query = this.route.snapshot.queryParamMap;
    const highlight = query.get('q') ?? '';
    const viewer = query.get('viewer');

    this.sub = this.route.paramMap
      .pipe(switchMap((params) => this.http.get<InvoiceDto>(`/api/invoices/${params.get('id')}`)))
      .subscribe((invoice) => {
        this.invoice = invoice;
        this.notesHtml = this.sanitizer.sanitize(SecurityContext.HTML, invoice.notes);  //@safe

        const message = highlight
          ? invoice.customerMessage.split(highlight).join(`<mark>${highlight}</mark>`)
          : invoice.customerMessage;
        this.messageHtml = this.sanitizer.bypassSecurityTrustHtml(message);  //@vuln CWE-79

        const src = viewer ? `${viewer}?file=${encodeURIComponent(invoice.pdfUrl)}` : invoice.pdfUrl;
        this.pdfSrc = this.sanitizer.bypassSecurityTrustResourceUrl(src);  //@vuln CWE-79
      });

    const flash = query.get('flash');
    if (flash) {
      this.banner.nativeElement.innerHTML = `<strong>${flash}</strong>`;  //@vuln CWE-79
    }
  }

  approve(): void {
    if (!this.invoice) {
      return;
    }
    this.http.post(`/api/invoices/${this.invoice.id}/approve`, {}).subscribe(() => {
      const next = this.route.snapshot.queryParamMap.get('next');
      if (next) {
        window.location.href = next;  //@vuln CWE-601
        return;
      }
      this.router.navigate(['/invoices'], { queryParams: { flash: 'Invoice approved' } });
    });
  }

  back(): void {
    const from = this.route.snapshot.queryParamMap.get('from') ?? '';
    const internal = from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/\\');
    this.router.navigateByUrl(internal ? from : '/invoices');  //@safe
  }

  ngOnDestroy(): void {
    this.sub?.unsubscribe();
  }
}
