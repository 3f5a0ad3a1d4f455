import 'react-native-url-polyfill/auto';
import React, { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Linking, StyleSheet, Text, View } from 'react-native';
import { WebView } from 'react-native-webview';
import * as Crypto from 'expo-crypto';
import { useNavigation } from '@react-navigation/native';

const APP_WEB_BASE = 'https://app.hearthlink.io';
const TRUSTED_LINK_HOSTS = new Set(['hearthlink.io', 'www.hearthlink.io', 'help.hearthlink.io', 'app.hearthlink.io']);

type LinkIntent =
  | { kind: 'open'; target: string }
  | { kind: 'article'; target: string }
  | { kind: 'room'; homeId: string; room: string }
  | { kind: 'pair'; hubName: string }
  | { kind: 'unknown' };

export function parseDeepLink(url: string): LinkIntent {
  const parsed = new URL(url);
  const action = parsed.host || parsed.pathname.replace(/^\/+/, '');
  const query = parsed.searchParams;
  switch (action) {
    case 'open':
      return { kind: 'open', target: query.get('url') ?? APP_WEB_BASE };
    case 'article':
      return { kind: 'article', target: query.get('url') ?? 'https://help.hearthlink.io' };
    case 'room':
      return { kind: 'room', homeId: query.get('home') ?? '', room: query.get('name') ?? '' };
    case 'pair':
      return { kind: 'pair', hubName: query.get('hub') ?? 'your hub' };
    default:
      return { kind: 'unknown' };
  }
}

function RoomWebView({ homeId, room }: { homeId: string; room: string }) {
  const script = `window.hearthlink && window.hearthlink.showRoom('${homeId}', '${room}'); true;`;
  return <WebView source={{ uri: `${APP_WEB_BASE}/rooms` }} injectedJavaScript={script} style={styles.web} />;  //@vuln CWE-79
}

function PairingPrompt({ hubName, onDone }: { hubName: string; onDone(): void }) {
  const [pin] = useState(() => String(Math.floor(100000 + Math.random() * 900000)));  //@vuln CWE-338
  const [requestId] = useState(() => Array.from(Crypto.getRandomBytes(16), (b) => b.toString(16).padStart(2, '0')).join(''));  //@safe

  return (
    <View style={styles.card}>
      <Text style={styles.title}>Pair with {hubName}</Text>
      <Text>Enter this code on the hub's screen:</Text>
      <Text style={styles.pin}>{pin}</Text>
      <Text style={styles.muted}>Request {requestId.slice(0, 8)}</Text>
      <Button title="Done" onPress={onDone} />
    </View>
  );
}

export default function DeepLinkHandler() {
  const navigation = useNavigation();
  const [intent, setIntent] = useState<LinkIntent | null>(null);

  const handleUrl = useCallback(async (url: string | null) => {
    if (!url) return;
    const next = parseDeepLink(url);
    if (next.kind === 'open') {
      await Linking.openURL(next.target);  //@vuln CWE-601
      return;
    }
    if (next.kind === 'article') {
      const target = new URL(next.target);
      if (target.protocol === 'https:' && TRUSTED_LINK_HOSTS.has(target.hostname)) {
        await Linking.openURL(target.toString());  //@safe
      } else {
        Alert.alert('Link blocked', 'This link points outside Hearthlink.');
      }
      return;
    }
    setIntent(next);
  }, []);

  useEffect(() => {
    Linking.getInitialURL().then(handleUrl);
    const subscription = Linking.addEventListener('url', ({ url }) => handleUrl(url));
    return () => subscription.remove();
  }, [handleUrl]);

  if (!intent || intent.kind === 'unknown') return null;
  if (intent.kind === 'room') return <RoomWebView homeId={intent.homeId} room={intent.room} />;
  if (intent.kind === 'pair') {
    return <PairingPrompt hubName={intent.hubName} onDone={() => { setIntent(null); navigation.goBack(); }} />;
  }
  return null;
}

const styles = StyleSheet.create({
  web: { flex: 1 },
  card: { padding: 24, gap: 12, alignItems: 'center' },
  title: { fontSize: 20, fontWeight: '600' },
  pin: { fontSize: 40, letterSpacing: 8, fontVariant: ['tabular-nums'] },
  muted: { color: '#888' },
});
