import { Component, OnDestroy, OnInit, SecurityContext } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { HttpClient } from '@angular/common/http';
import { DomSanitizer, SafeHtml, SafeResourceUrl } from '@angular/platform-browser';
import { Subscription } from 'rxjs';

export interface Review {
  id: number;
  author: string;
  rating: number;
  text: string;
}

export interface Product {
  id: number;
  name: string;
  price: number;
  description: string;
  videoUrl?: string;
  reviews: Review[];
}

@Component({
  selector: 'app-product-detail',
  template: `
    <section *ngIf="product">
      <h1>{{ product.name }}</h1>
      <p class="price">{{ product.price | currency: 'EUR' }}</p>
      <div class="description" [innerHTML]="descriptionHtml"></div>
      <iframe *ngIf="videoUrl" [src]="videoUrl" width="560" height="315"></iframe>
      <ul class="reviews">
        <li *ngFor="let r of reviewHtml" [innerHTML]="r"></li>
      </ul>
      <p class="promo" [innerHTML]="promoHtml"></p>
      <form (ngSubmit)="postReview()">
        <textarea [(ngModel)]="draft" name="draft"></textarea>
        <button type="submit">Post review</button>
      </form>
    </section>
  `,
})
export class ProductDetailComponent implements OnInit, OnDestroy {
  product?: Product;
  descriptionHtml: SafeHtml = '';
  reviewHtml: Array<SafeHtml | string | null> = [];
  promoHtml: string | null = '';
  videoUrl: SafeResourceUrl | null = null;
  draft = '';
  /** when true the component uses the "fixed" lesson code paths */
  fixedMode = false;
  private sub?: Subscription;

  constructor(
    private route: ActivatedRoute,
    private router: Router,
    private http: HttpClient,
    private sanitizer: DomSanitizer,
  ) {}

  ngOnInit(): void {
    this.fixedMode = this.route.snapshot.data['fixed'] === true;
    const id = this.route.snapshot.paramMap.get('id');
    this.sub = this.http.get<Product>(`/api/v2/products/${id}`).subscribe((p) => this.show(p));
  }

  ngOnDestroy(): void {
    this.sub?.unsubscribe();
  }

  private show(p: Product): void {
    this.product = p;
    const params = this.route.snapshot.queryParamMap;
    // [innerHTML] bindings are sanitised by Angular unless a bypass* wrapper is used
    this.descriptionHtml = p.description;
    if (this.fixedMode) {
      this.reviewHtml = p.reviews.map((r) => this.sanitizer.sanitize(SecurityContext.HTML, r.text)); //@safe
      this.promoHtml = params.get('promo');
      this.videoUrl = p.videoUrl && p.videoUrl.startsWith('https://www.youtube-nocookie.com/embed/') ? this.sanitizer.bypassSecurityTrustResourceUrl(p.videoUrl) : null; //@safe
      return;
    }
    // reviews used to lose their <em>/<a> markup, so the lesson version trusts them
    this.reviewHtml = p.reviews.map((r) => this.sanitizer.bypassSecurityTrustHtml(r.text)); //@vuln CWE-79
    this.promoHtml = params.get('promo');
    const video = params.get('video') || p.videoUrl;
    this.videoUrl = video ? this.sanitizer.bypassSecurityTrustResourceUrl(video) : null; //@vuln CWE-79
  }

  postReview(): void {
    if (!this.product || !this.draft.trim()) return;
    this.http.post<Review>(`/api/v2/products/${this.product.id}/reviews`, { text: this.draft }).subscribe((r) => {
      this.product!.reviews.push(r);
      this.show(this.product!);
      this.draft = '';
      const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl');
      if (!returnUrl) return;
      if (this.fixedMode) {
        this.router.navigateByUrl(returnUrl.startsWith('/') && !returnUrl.startsWith('//') ? returnUrl : '/products'); //@safe
      } else {
        window.location.href = returnUrl; //@vuln CWE-601
      }
    });
  }
}
