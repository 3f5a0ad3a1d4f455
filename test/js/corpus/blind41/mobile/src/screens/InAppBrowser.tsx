import React, { useLayoutEffect, useRef, useState } from 'react';
import { Linking, Pressable, StyleSheet, Text, View } from 'react-native';
import { WebView } from 'react-native-webview';
import { NativeStackScreenProps } from '@react-navigation/native-stack';
import { RootStackParamList } from '../lib/deepLinks';
import { getSession } from '../lib/api';

type Props = NativeStackScreenProps<RootStackParamList, 'InAppBrowser'>;

const SUPPORT_EMAIL = 'support@tandemapp.io';

export default function InAppBrowser({ route, navigation }: Props) {
  const { url, title } = route.params;
  const webview = useRef<WebView>(null);
  const [progress, setProgress] = useState(0);
  const [token, setToken] = useState<string | null>(null);

  React.useEffect(() => {
    getSession().then(setToken);
  }, []);

  useLayoutEffect(() => {
    navigation.setOptions({ title: title ?? 'Tandem' });
  }, [navigation, title]);

  const reportProblem = () => {
    Linking.openURL(`mailto:${SUPPORT_EMAIL}?subject=${encodeURIComponent('Problem with in-app page')}`); //@safe
  };

  return (
    <View style={styles.flex}>
      {progress < 1 && <View style={[styles.bar, { width: `${progress * 100}%` }]} />}
      <WebView
        ref={webview}
        style={styles.flex}
        source={{ uri: url, headers: token ? { Authorization: `Bearer ${token}` } : undefined }} //@vuln CWE-601
        originWhitelist={['http://*', 'https://*']}
        onLoadProgress={({ nativeEvent }) => setProgress(nativeEvent.progress)}
        allowsBackForwardNavigationGestures
        sharedCookiesEnabled
        javaScriptEnabled
      />
      <Pressable style={styles.footer} onPress={reportProblem}>
        <Text style={styles.footerText}>Report a problem with this page</Text>
      </Pressable>
    </View>
  );
}

const styles = StyleSheet.create({
  flex: { flex: 1 },
  bar: { height: 2, backgroundColor: '#5b4cf0' },
  footer: { padding: 12, alignItems: 'center', borderTopWidth: StyleSheet.hairlineWidth, borderColor: '#ddd' },
  footerText: { color: '#666', fontSize: 13 },
});
