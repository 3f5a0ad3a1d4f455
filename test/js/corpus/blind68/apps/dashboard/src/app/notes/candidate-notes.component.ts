import { Component, ElementRef, HostListener, Input, OnInit, ViewChild } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';
import DOMPurify from 'dompurify';
import { environment } from '../../environments/environment';

interface CandidateNote {
  id: string;
  authorName: string;
  html: string;
  createdAt: string;
}

interface RenderedNote extends CandidateNote {
  body: SafeHtml;
}

const NOTE_TAGS = ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'a', 'blockquote'];

@Component({
  selector: 'tl-candidate-notes',
  template: `
    <section class="notes">
      <h3>Notes</h3>
      <article *ngFor="let note of notes; trackBy: trackById" class="note">
        <div class="note-meta">{{ note.authorName }} &middot; {{ note.createdAt | date: 'medium' }}</div>
        <div class="note-body" [innerHTML]="note.body"></div>
      </article>
      <div #editor class="editor" contenteditable="true" (input)="onDraftChange()"></div>
      <div #draftPreview class="draft-preview"></div>
      <h4>Proposed interview slots</h4>
      <ul #slots class="proposed-slots"></ul>
      <p #scheduleStatus class="schedule-status"></p>
      <button type="button" (click)="save()" [disabled]="saving">Save note</button>
    </section>
  `,
})
export class CandidateNotesComponent implements OnInit {
  @Input() candidateId!: string;

  @ViewChild('editor', { static: true }) editor!: ElementRef<HTMLDivElement>;
  @ViewChild('draftPreview', { static: true }) draftPreview!: ElementRef<HTMLDivElement>;
  @ViewChild('slots', { static: true }) slots!: ElementRef<HTMLUListElement>;
  @ViewChild('scheduleStatus', { static: true }) scheduleStatus!: ElementRef<HTMLParagraphElement>;

  notes: RenderedNote[] = [];
  saving = false;

  constructor(
    private readonly http: HttpClient,
    private readonly sanitizer: DomSanitizer,
  ) {}

  ngOnInit(): void {
    this.load();
  }

  trackById(_index: number, note: RenderedNote): string {
    return note.id;
  }

  load(): void {
    this.http
      .get<CandidateNote[]>(`${environment.apiUrl}/candidates/${this.candidateId}/notes`, { withCredentials: true })
      .subscribe((notes) => {
        this.notes = notes.map((note) => ({ ...note, body: this.renderNote(note) }));
      });
  }

  renderNote(note: CandidateNote): SafeHtml {
    return this.sanitizer.bypassSecurityTrustHtml(note.html);  //@vuln CWE-79
  }

  onDraftChange(): void {
    const clean = DOMPurify.sanitize(this.editor.nativeElement.innerHTML, { ALLOWED_TAGS: NOTE_TAGS, ALLOWED_ATTR: ['href'] });
    this.draftPreview.nativeElement.innerHTML = clean;  //@safe
  }

  save(): void {
    const html = DOMPurify.sanitize(this.editor.nativeElement.innerHTML, { ALLOWED_TAGS: NOTE_TAGS, ALLOWED_ATTR: ['href'] });
    if (!html.trim()) {
      return;
    }
    this.saving = true;
    this.http
      .post<CandidateNote>(`${environment.apiUrl}/candidates/${this.candidateId}/notes`, { html }, { withCredentials: true })
      .subscribe({ next: (note) => this.notes.unshift({ ...note, body: this.renderNote(note) }), complete: () => (this.saving = false) });
    this.editor.nativeElement.innerHTML = '';
  }

  // Messages from the calendar picker popup opened by the scheduling drawer.
  @HostListener('window:message', ['$event'])
  onCalendarMessage(event: MessageEvent): void {
    const data = event.data ?? {};
    if (data.source === 'tl-calendar-picker' && Array.isArray(data.slots)) {
      for (const slot of data.slots) {
        this.slots.nativeElement.insertAdjacentHTML('beforeend', `<li data-start="${slot.start}">${slot.label}</li>`);  //@vuln CWE-79
      }
    }
    if (data.source === 'tl-scheduler' && event.origin === environment.schedulerOrigin) {
      this.scheduleStatus.nativeElement.textContent = `Interview booked for ${data.label}`;  //@safe
    }
  }
}
