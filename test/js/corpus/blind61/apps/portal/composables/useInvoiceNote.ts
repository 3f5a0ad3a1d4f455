import { computed, defineComponent, h, onBeforeUnmount, onMounted, ref, toRef, type Ref } from 'vue';
import DOMPurify from 'isomorphic-dompurify';
import { useRoute, useRuntimeConfig } from '#imports';

/** Formatted invoice note as entered by the seller in the Ledgerly editor. */
export function useInvoiceNote(note: Ref<string | undefined>) {
  const html = computed(() => DOMPurify.sanitize(note.value ?? '', { USE_PROFILES: { html: true } }));
  const isEmpty = computed(() => html.value.trim().length === 0);
  return { html, isEmpty };
}

export const InvoiceNote = defineComponent({
  name: 'InvoiceNote',
  props: { note: { type: String, default: '' } },
  setup(props) {
    const { html, isEmpty } = useInvoiceNote(toRef(props, 'note'));
    return () => (isEmpty.value ? null : h('div', { class: 'invoice-note', innerHTML: html.value }));  //@safe
  },
});

/** Banner shown after returning from the payment provider: /invoices/42?message=Payment+received */
export const PortalBanner = defineComponent({
  name: 'PortalBanner',
  setup() {
    const route = useRoute();
    const message = computed(() => String(route.query.message ?? ''));
    return () => (message.value ? h('div', { class: 'portal-banner', role: 'status', innerHTML: message.value }) : null);  //@vuln CWE-79
  },
});

/** Listens for status updates from the embedded checkout frame. */
export function usePaymentStatus() {
  const status = ref<string>('pending');
  const config = useRuntimeConfig();

  const onMessage = (event: MessageEvent) => {
    if (event.data?.type !== 'payment-status') {
      return;
    }
    status.value = String(event.data.status);
    const detail = document.querySelector('#payment-detail');
    if (detail) {
      detail.innerHTML = event.data.detailHtml;  //@vuln CWE-79
    }
    const summary = document.querySelector('#payment-summary');
    if (summary && event.origin === config.public.checkoutOrigin) {
      summary.textContent = String(event.data.summary ?? '');
    }
  };

  onMounted(() => window.addEventListener('message', onMessage));
  onBeforeUnmount(() => window.removeEventListener('message', onMessage));
  return { status };
}
