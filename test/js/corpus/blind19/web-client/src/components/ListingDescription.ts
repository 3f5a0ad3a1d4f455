import { defineComponent, h, PropType } from 'vue';

export default defineComponent({
  name: 'ListingDescription',
  props: {
    body: { type: String, required: true },
    sellerNote: { type: String as PropType<string | null>, default: null },
  },
  setup(props) {
    return () =>
      h('section', { class: 'listing-description' }, [
        h('div', { class: 'listing-description__body', innerHTML: props.body }), //@vuln CWE-79
        props.sellerNote ? h('p', { class: 'listing-description__note' }, props.sellerNote) : null,
      ]);
  },
});
