import React, { useCallback, useEffect, useRef, useState } from 'react';
import { ActivityIndicator, Linking, StyleSheet } from 'react-native';
import { WebView, WebViewMessageEvent } from 'react-native-webview';
import { NativeStackScreenProps } from '@react-navigation/native-stack';
import { api, cached } from '../lib/api';
import { RootStackParamList } from '../lib/deepLinks';

const HELP_BASE = 'https://help.tandemapp.io';

type Props = NativeStackScreenProps<RootStackParamList, 'HelpCenter'>;

interface Article {
  id: string;
  title: string;
  excerpt: string;
}

function renderResults(query: string, results: Article[]): string {
  const items = results
    .map((a) => `<li><a href="#" onclick="window.ReactNativeWebView.postMessage(JSON.stringify({type:'open',id:'${a.id}'}))">${a.title}</a><p>${a.excerpt}</p></li>`)
    .join('');
  return `<!doctype html><html><head><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="stylesheet" href="${HELP_BASE}/assets/app.css"></head>
<body><h2>Results for "${query}"</h2><ul>${items}</ul></body></html>`;
}

// Script the help site expects: it posts {type, ...} messages back to us.
const BRIDGE = `
  window.TandemBridge = {
    open: function (url) { window.ReactNativeWebView.postMessage(JSON.stringify({ type: 'openUrl', url: url })); },
    close: function () { window.ReactNativeWebView.postMessage(JSON.stringify({ type: 'close' })); }
  };
  true;
`;

export default function HelpCenterScreen({ route, navigation }: Props) {
  const { articleId, q } = route.params ?? {};
  const webview = useRef<WebView>(null);
  const [results, setResults] = useState<Article[] | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!q) return;
    cached(`help:${q}`, () => api<Article[]>(`/v1/help/search?q=${encodeURIComponent(q)}`))
      .then(setResults)
      .catch(() => setResults([]));
  }, [q]);

  // Deep links like tandem://help?article=payments-101 jump straight to an article.
  useEffect(() => {
    if (!ready || !articleId) return;
    webview.current?.injectJavaScript(`window.HelpCenter && window.HelpCenter.showArticle('${articleId}'); true;`); //@vuln CWE-94|CWE-79
  }, [ready, articleId]);

  const openArticle = useCallback((id: string) => {
    webview.current?.injectJavaScript(`window.HelpCenter && window.HelpCenter.showArticle(${JSON.stringify(id)}); true;`); //@safe
  }, []);

  const onMessage = useCallback(
    (event: WebViewMessageEvent) => {
      let msg: { type: string; url?: string; id?: string };
      try {
        msg = JSON.parse(event.nativeEvent.data);
      } catch {
        return;
      }
      switch (msg.type) {
        case 'openUrl':
          if (msg.url) Linking.openURL(msg.url); //@vuln CWE-601
          break;
        case 'open':
          if (msg.id) openArticle(msg.id);
          break;
        case 'close':
          navigation.goBack();
          break;
        default:
          break;
      }
    },
    [navigation, openArticle]
  );

  if (q && results === null) return <ActivityIndicator style={styles.flex} />;

  return (
    <WebView
      ref={webview}
      style={styles.flex}
      originWhitelist={['*']}
      source={q ? { html: renderResults(q, results ?? []), baseUrl: HELP_BASE } : { uri: `${HELP_BASE}/app` }} //@vuln CWE-79
      injectedJavaScriptBeforeContentLoaded={BRIDGE}
      onMessage={onMessage}
      onLoadEnd={() => setReady(true)}
      javaScriptEnabled
      domStorageEnabled
    />
  );
}

const styles = StyleSheet.create({ flex: { flex: 1 } });
