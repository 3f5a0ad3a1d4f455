import { Component, ElementRef, OnDestroy, OnInit, Renderer2, SecurityContext, ViewChild } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { DomSanitizer, SafeHtml, SafeResourceUrl } from '@angular/platform-browser';
import { Subscription } from 'rxjs';
import { AdminApiService, MerchantDetail } from '../core/admin-api.service';

@Component({
  selector: 'acme-merchant-detail',
  template: `
    <p class="search-banner" #searchBanner></p>
    <header *ngIf="merchant">
      <img *ngIf="merchant.logoUrl" [src]="merchant.logoUrl" alt="" />
      <h2>{{ merchant.name }}</h2>
      <span class="badge" #statusBadge></span>
    </header>
    <section class="description" [innerHTML]="descriptionHtml"></section>
    <section class="notes" [innerHTML]="notesHtml"></section>
    <a *ngIf="supportLink" [href]="supportLink" target="_blank" rel="noopener">Merchant support</a>
    <h3>Terms shown at checkout</h3>
    <div class="terms" #termsHost></div>
    <iframe *ngIf="checkoutPreview" [src]="checkoutPreview" title="Checkout preview"></iframe>
  `,
})
export class MerchantDetailComponent implements OnInit, OnDestroy {
  @ViewChild('searchBanner', { static: true }) searchBanner!: ElementRef<HTMLElement>;
  @ViewChild('statusBadge') statusBadge?: ElementRef<HTMLElement>;
  @ViewChild('termsHost', { static: true }) termsHost!: ElementRef<HTMLDivElement>;

  merchant?: MerchantDetail;
  descriptionHtml: SafeHtml = '';
  notesHtml = '';
  supportLink: string | null = null;
  checkoutPreview?: SafeResourceUrl;
  private sub?: Subscription;

  constructor(
    private readonly route: ActivatedRoute,
    private readonly api: AdminApiService,
    private readonly sanitizer: DomSanitizer,
    private readonly renderer: Renderer2,
  ) {}

  ngOnInit(): void {
    const id = this.route.snapshot.paramMap.get('id') ?? '';
    const q = this.route.snapshot.queryParamMap.get('q');
    if (q) {
      this.renderer.setProperty(this.searchBanner.nativeElement, 'innerHTML', `Opened from search for <mark>${q}</mark>`); //@vuln CWE-79
    }
    this.sub = this.api.getMerchant(id).subscribe((m) => this.render(m));
  }

  private render(m: MerchantDetail): void {
    this.merchant = m;
    // merchants write their storefront description with the rich text editor in their dashboard
    this.descriptionHtml = this.sanitizer.bypassSecurityTrustHtml(m.description); //@vuln CWE-79
    this.notesHtml = this.sanitizer.sanitize(SecurityContext.HTML, m.internalNotes) ?? ''; //@safe
    this.supportLink = this.sanitizer.sanitize(SecurityContext.URL, m.supportUrl); //@safe
    this.checkoutPreview = this.sanitizer.bypassSecurityTrustResourceUrl(m.checkoutUrl); //@vuln CWE-79
    this.termsHost.nativeElement.innerHTML = m.termsHtml; //@vuln CWE-79

    setTimeout(() => {
      if (this.statusBadge) {
        this.renderer.setProperty(this.statusBadge.nativeElement, 'textContent', m.status.toUpperCase()); //@safe
        this.renderer.addClass(this.statusBadge.nativeElement, `badge-${m.status}`);
      }
    });
  }

  ngOnDestroy(): void {
    this.sub?.unsubscribe();
  }
}
