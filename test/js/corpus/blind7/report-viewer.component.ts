import { AfterViewInit, Component, ElementRef, Injectable, OnDestroy, OnInit, ViewChild } from '@angular/core';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';
import { ActivatedRoute, Router } from '@angular/router';
import { HttpClient, HttpParams } from '@angular/common/http';
import { Observable, Subject, combineLatest, switchMap, takeUntil } from 'rxjs';
import DOMPurify from 'dompurify';

export interface ReportColumn { key: string; label: string }
export interface Report { id: string; title: string; notesHtml: string; columns: ReportColumn[]; rows: Record<string, number | string>[] }

const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

@Injectable({ providedIn: 'root' })
export class ReportService {
  constructor(private readonly http: HttpClient) {}

  getReport(id: string, range: string): Observable<Report> {
    const params = new HttpParams().set('range', range);
    return this.http.get<Report>(`/api/reports/${encodeURIComponent(id)}`, { params });
  }

  exportUrl(id: string, format: 'csv' | 'xlsx'): string {
    return `/api/reports/${encodeURIComponent(id)}/export?format=${format}`;
  }
}

@Component({
  selector: 'app-report-viewer',
  template: `
    <header class="report-header">
      <h1>{{ report?.title }}</h1>
      <div class="banner" *ngIf="banner" [innerHTML]="banner"></div>
      <span class="filter-label" #filterLabel></span>
      <button type="button" (click)="download('csv')">Export CSV</button>
      <button type="button" (click)="print()">Print</button>
      <button type="button" (click)="done()">Done</button>
    </header>
    <section class="notes" [innerHTML]="notes"></section>
    <div class="chart" #chart></div>
    <table class="grid">
      <tr *ngFor="let row of computed"><td *ngFor="let c of report?.columns">{{ row[c.key] }}</td><td>{{ row['derived'] }}</td></tr>
    </table>
  `,
})
export class ReportViewerComponent implements OnInit, AfterViewInit, OnDestroy {
  @ViewChild('filterLabel', { static: true }) filterLabel!: ElementRef<HTMLElement>;
  @ViewChild('chart', { static: true }) chart!: ElementRef<HTMLDivElement>;

  report?: Report;
  banner: SafeHtml | null = null;
  notes: SafeHtml | null = null;
  computed: Array<Record<string, unknown>> = [];
  private returnUrl = '/reports';
  private refreshHandle?: number;
  private readonly destroy$ = new Subject<void>();

  constructor(
    private readonly route: ActivatedRoute,
    private readonly router: Router,
    private readonly reports: ReportService,
    private readonly sanitizer: DomSanitizer,
    private readonly host: ElementRef<HTMLElement>,
  ) {}

  ngOnInit(): void {
    const query = this.route.snapshot.queryParamMap;
    this.returnUrl = query.get('returnUrl') ?? '/reports';
    const bannerHtml = query.get('banner');
    if (bannerHtml) {
      this.banner = this.sanitizer.bypassSecurityTrustHtml(bannerHtml); //@vuln CWE-79
    }

    combineLatest([this.route.paramMap, this.route.queryParamMap])
      .pipe(
        switchMap(([params, qp]) => this.reports.getReport(params.get('id') ?? '', qp.get('range') ?? '30d')),
        takeUntil(this.destroy$),
      )
      .subscribe({
        next: (report) => this.render(report),
        error: (err) => console.error('failed to load report', err),
      });
  }

  ngAfterViewInit(): void {
    const qp = this.route.snapshot.queryParamMap;
    this.describeFilter(qp.get('filter'), qp.get('segment'));
    const every = Number(qp.get('refresh') ?? 0);
    if (every >= 30) {
      this.refreshHandle = window.setInterval(() => this.reload(), every * 1000); //@safe
    }
    const callback = qp.get('embedCallback');
    if (callback) {
      window.setTimeout(`window.parent.${callback}('report-ready')`, 0); //@vuln CWE-95
    }
  }

  private describeFilter(filter: string | null, segment: string | null): void {
    const el = this.filterLabel.nativeElement;
    if (!filter) {
      el.textContent = segment ? `Segment: ${segment}` : 'All records'; //@safe
      return;
    }
    el.innerHTML = `Filtered by <strong>${filter}</strong>` + (segment ? ` in <em>${segment}</em>` : ''); //@vuln CWE-79
  }

  private render(report: Report): void {
    this.report = report;
    this.notes = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(report.notesHtml)); //@safe
    const calc = this.route.snapshot.queryParamMap.get('calc');
    this.computed = report.rows.map((row) => (calc ? { ...row, derived: this.evaluate(calc, row) } : row));
    this.drawLegend(report.columns, this.route.snapshot.queryParamMap.get('legendTitle'));
  }

  private evaluate(expression: string, row: Record<string, unknown>): unknown {
    const fn = new Function('row', `with (row) { return (${expression}); }`); //@vuln CWE-95
    try {
      return fn(row);
    } catch {
      return null;
    }
  }

  private drawLegend(columns: ReportColumn[], legendTitle: string | null): void {
    const container = this.chart.nativeElement;
    container.replaceChildren();
    const items = columns.map((c) => `<li data-key="${escapeHtml(c.key)}">${escapeHtml(c.label)}</li>`).join('');
    container.insertAdjacentHTML('beforeend', `<ul class="legend">${items}</ul>`); //@safe
    if (legendTitle) {
      container.insertAdjacentHTML('afterbegin', `<h4 class="legend-title">${legendTitle}</h4>`); //@vuln CWE-79
    }
  }

  print(): void {
    const title = this.route.snapshot.queryParamMap.get('printTitle') ?? this.report?.title ?? 'Report';
    const grid = this.host.nativeElement.querySelector('table.grid')?.outerHTML ?? '';
    const win = window.open('', '_blank', 'width=900,height=700');
    if (!win) return;
    win.document.write(`<html><head><title>${title}</title></head><body>${grid}</body></html>`); //@vuln CWE-79
    win.document.close();
    win.print();
  }

  download(format: 'csv' | 'xlsx'): void {
    if (!this.report) return;
    window.location.href = this.reports.exportUrl(this.report.id, format); //@safe
  }

  done(): void {
    const target = this.returnUrl;
    if (/^https?:\/\//i.test(target)) {
      window.location.assign(target); //@vuln CWE-601
      return;
    }
    void this.router.navigateByUrl(target.startsWith('/') ? target : '/reports');
  }

  private reload(): void {
    const id = this.route.snapshot.paramMap.get('id') ?? '';
    this.reports.getReport(id, this.route.snapshot.queryParamMap.get('range') ?? '30d').subscribe((r) => this.render(r));
  }

  ngOnDestroy(): void {
    if (this.refreshHandle) window.clearInterval(this.refreshHandle);
    this.destroy$.next();
    this.destroy$.complete();
  }
}
