import { defineComponent, h, onMounted, onBeforeUnmount, ref, shallowRef, watch, PropType } from 'vue';
import L from 'leaflet';
import DOMPurify from 'dompurify';
import { api } from '../main';

export interface VehicleMarker {
  id: number;
  plate: string;
  driverName: string;
  status: string;
  lat: number;
  lng: number;
  speedKph: number;
  lastSeenAt: string;
}

interface AlertEvent {
  vehicleId: number;
  ruleName: string;
  message: string;
  firedAt: string;
}

export default defineComponent({
  name: 'FleetMap',
  props: {
    depot: { type: String, default: '' },
    tileUrl: { type: String, default: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png' },
    selected: { type: Object as PropType<VehicleMarker | null>, default: null },
  },
  emits: ['select'],
  setup(props, { emit }) {
    const mapEl = ref<HTMLDivElement | null>(null);
    const banner = ref<HTMLDivElement | null>(null);
    const alertList = ref<HTMLUListElement | null>(null);
    const map = shallowRef<L.Map | null>(null);
    const markers = new Map<number, L.Marker>();
    const dispatchNote = ref('');
    let socket: WebSocket | null = null;

    function upsertMarker(v: VehicleMarker) {
      let marker = markers.get(v.id);
      if (!marker) {
        marker = L.marker([v.lat, v.lng]).addTo(map.value!);
        marker.on('click', () => emit('select', v));
        markers.set(v.id, marker);
      }
      marker.setLatLng([v.lat, v.lng]);
      marker.bindPopup(`<strong>${v.plate}</strong><br>${v.driverName}<br>${v.speedKph} km/h &middot; ${v.status}`);  //@vuln CWE-79
    }

    function showSearchBanner() {
      const params = new URLSearchParams(window.location.search);
      const highlight = params.get('highlight');
      if (highlight && banner.value) {
        banner.value.innerHTML = `Showing vehicles matching <em>${highlight}</em> &mdash; <a href="/map">clear</a>`;  //@vuln CWE-79
      }
      const depotLabel = params.get('depotLabel');
      if (depotLabel && banner.value) {
        const label = document.createElement('span');
        label.className = 'depot-label';
        label.textContent = depotLabel;
        banner.value.appendChild(label);
      }
    }

    function pushAlert(alert: AlertEvent) {
      alertList.value?.insertAdjacentHTML('afterbegin', `<li class="alert"><b>${alert.ruleName}</b> ${alert.message}<time>${alert.firedAt}</time></li>`);  //@vuln CWE-79
    }

    async function loadGeofences() {
      const { data } = await api.get('/v1/geofences', { params: { depot: props.depot } });
      for (const fence of data) {
        const polygon = L.polygon(fence.coordinates, { color: fence.color ?? '#2563eb' }).addTo(map.value!);
        polygon.bindPopup(L.popup().setContent(DOMPurify.sanitize(fence.descriptionHtml)));  //@safe
      }
    }

    async function refresh() {
      const { data } = await api.get<VehicleMarker[]>('/v1/vehicles/positions', { params: { depot: props.depot } });
      data.forEach(upsertMarker);
    }

    onMounted(async () => {
      map.value = L.map(mapEl.value!).setView([51.505, -0.09], 11);
      L.tileLayer(props.tileUrl, { maxZoom: 19, attribution: '&copy; OpenStreetMap contributors' }).addTo(map.value);
      showSearchBanner();
      await Promise.all([refresh(), loadGeofences()]);

      socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live`);
      socket.addEventListener('message', (event) => {
        const msg = JSON.parse(event.data);
        if (msg.type === 'position') upsertMarker(msg.vehicle);
        if (msg.type === 'alert') pushAlert(msg.alert);
        if (msg.type === 'dispatch-note') dispatchNote.value = msg.html;
      });
    });

    watch(() => props.depot, refresh);

    onBeforeUnmount(() => {
      socket?.close();
      map.value?.remove();
    });

    return () =>
      h('section', { class: 'fleet-map' }, [
        h('div', { ref: banner, class: 'search-banner' }),
        h('div', { ref: mapEl, class: 'map-canvas', style: 'height: 70vh' }),
        h('aside', { class: 'sidebar' }, [
          h('div', { class: 'dispatch-note', innerHTML: dispatchNote.value }),  //@vuln CWE-79
          h('ul', { ref: alertList, class: 'alerts' }),
          props.selected ? h('p', { class: 'selected' }, `${props.selected.plate} — ${props.selected.driverName}`) : null,
        ]),
      ]);
  },
});
