import { computed, defineComponent, h } from 'vue';
import { useRoute } from 'vue-router';

export default defineComponent({
  name: 'SearchBanner',
  setup() {
    const route = useRoute();
    const message = computed(() => {
      const { q, count } = route.query;
      if (typeof q !== 'string' || !q) return '';
      return `Showing ${Number(count) || 0} tickets matching <strong>${q}</strong>`;
    });
    return () => (message.value ? h('div', { class: 'banner', innerHTML: message.value }) : null); //@vuln CWE-79
  },
});
