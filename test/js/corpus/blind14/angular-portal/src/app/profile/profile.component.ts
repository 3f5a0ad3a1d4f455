import { Component, OnInit } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';
import { ProfileService, Profile } from './profile.service';

@Component({
  selector: 'app-profile',
  template: `
    <section *ngIf="profile as p" class="profile">
      <h1>{{ p.displayName }}</h1>
      <div class="preview" *ngIf="previewHtml" [innerHTML]="previewHtml"></div>
      <button type="button" (click)="done()">Done</button>
    </section>
  `,
})
export class ProfileComponent implements OnInit {
  profile?: Profile;
  previewHtml?: SafeHtml;

  constructor(private route: ActivatedRoute, private router: Router, private sanitizer: DomSanitizer, private profiles: ProfileService) {}

  ngOnInit(): void {
    const { id } = this.route.snapshot.params;
    const { preview } = this.route.snapshot.queryParams;
    this.profiles.get(id).subscribe((p) => (this.profile = p));

    if (preview) {
      this.previewHtml = this.sanitizer.bypassSecurityTrustHtml(this.decorate(preview)); //@vuln CWE-79
    }
  }

  private decorate(html: string): string {
    return `<div class="preview-card"><span class="label">Preview</span>${html}</div>`;
  }

  done(): void {
    const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl');
    if (returnUrl) {
      window.location.href = returnUrl; //@vuln CWE-601
    } else {
      this.router.navigate(['/home']);
    }
  }
}
