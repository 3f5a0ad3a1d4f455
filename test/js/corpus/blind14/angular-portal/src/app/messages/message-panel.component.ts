import { AfterViewInit, Component, ElementRef, Renderer2, ViewChild } from '@angular/core';
import { ActivatedRoute } from '@angular/router';

@Component({
  selector: 'app-message-panel',
  template: `<div #host class="messages" role="status"></div>`,
})
export class MessagePanelComponent implements AfterViewInit {
  @ViewChild('host', { static: true }) host!: ElementRef<HTMLDivElement>;

  constructor(private renderer: Renderer2, private route: ActivatedRoute) {}

  ngAfterViewInit(): void {
    const { flash, level = 'info' } = this.route.snapshot.queryParams;
    if (flash) this.addMessage(flash, level);

    this.renderer.listen('window', 'message', (ev: MessageEvent) => {
      if (ev.origin !== window.location.origin) return;
      this.addPlain(String(ev.data?.text ?? ''));
    });
  }

  private addMessage(html: string, level: string): void {
    const el = this.renderer.createElement('div');
    this.renderer.addClass(el, `msg-${level}`);
    this.renderer.setProperty(el, 'innerHTML', html); //@vuln CWE-79
    this.renderer.appendChild(this.host.nativeElement, el);
  }

  private addPlain(text: string): void {
    const el = this.renderer.createElement('div');
    this.renderer.setProperty(el, 'textContent', text); //@safe
    this.renderer.appendChild(this.host.nativeElement, el);
  }
}
