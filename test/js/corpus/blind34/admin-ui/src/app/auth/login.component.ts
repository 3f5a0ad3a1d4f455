import { Component, OnInit } from '@angular/core';
import { FormBuilder, Validators } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { AdminApiService } from '../core/admin-api.service';

@Component({
  selector: 'acme-login',
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <label>Username <input formControlName="username" autocomplete="username" /></label>
      <label>Password <input formControlName="password" type="password" autocomplete="current-password" /></label>
      <button type="submit" [disabled]="form.invalid || busy">Sign in</button>
      <button type="button" (click)="sso()">Sign in with Acme SSO</button>
      <p class="error" *ngIf="error">{{ error }}</p>
    </form>
  `,
})
export class LoginComponent implements OnInit {
  readonly form = this.fb.nonNullable.group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  busy = false;
  error = '';

  constructor(
    private readonly fb: FormBuilder,
    private readonly api: AdminApiService,
    private readonly route: ActivatedRoute,
    private readonly router: Router,
  ) {}

  ngOnInit(): void {
    // the SSO provider bounces back to /login?sso=1&continue=<where the user was going>
    const params = this.route.snapshot.queryParamMap;
    const cont = params.get('continue');
    if (params.get('sso') === '1' && cont) {
      window.location.href = cont; //@vuln CWE-601
    }
  }

  submit(): void {
    this.busy = true;
    const { username, password } = this.form.getRawValue();
    this.api.staffLogin(username, password).subscribe({
      next: () => {
        const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl') ?? '/dashboard';
        const isLocal = returnUrl.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.startsWith('/\\');
        this.router.navigateByUrl(isLocal ? returnUrl : '/dashboard'); //@safe
      },
      error: () => {
        this.error = 'Invalid username or password';
        this.busy = false;
      },
    });
  }

  sso(): void {
    const state = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''); //@safe
    sessionStorage.setItem('sso_state', state);
    window.location.assign(this.api.ssoAuthorizeUrl(state)); //@safe
  }
}
