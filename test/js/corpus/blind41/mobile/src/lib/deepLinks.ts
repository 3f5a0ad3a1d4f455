import * as Linking from 'expo-linking';
import { NavigationContainerRef } from '@react-navigation/native';
import { isAllowedRedirect } from '../../../shared/urls';

export type RootStackParamList = {
  Home: undefined;
  Invite: { code: string };
  Post: { id: string };
  HelpCenter: { articleId?: string; q?: string };
  InAppBrowser: { url: string; title?: string };
};

export const linkingConfig = {
  prefixes: [Linking.createURL('/'), 'tandem://', 'https://tandemapp.io', 'https://app.tandemapp.io'],
  config: {
    screens: {
      Home: '',
      Invite: 'invite/:code',
      Post: 'p/:id',
      HelpCenter: 'help',
    },
  },
};

let nav: NavigationContainerRef<RootStackParamList> | null = null;

export function attachNavigation(ref: NavigationContainerRef<RootStackParamList>) {
  nav = ref;
}

function param(value: unknown): string | undefined {
  if (Array.isArray(value)) return value[0];
  return typeof value === 'string' ? value : undefined;
}

// Handles links the navigator config doesn't map directly: push notification
// taps, marketing emails (tandem://go?...), and partner callbacks.
export async function handleIncomingUrl(url: string): Promise<boolean> {
  const { hostname, path, queryParams } = Linking.parse(url);
  const route = (hostname || path || '').replace(/^\//, '');

  switch (route) {
    case 'go': {
      // tandem://go?to=https://tandemapp.io/blog/... from email campaigns
      const to = param(queryParams?.to);
      if (to) await Linking.openURL(to); //@vuln CWE-601
      return true;
    }
    case 'external': {
      const target = param(queryParams?.url);
      if (target && isAllowedRedirect(target)) await Linking.openURL(target); //@safe
      return true;
    }
    case 'browser': {
      const target = param(queryParams?.url);
      if (target) nav?.navigate('InAppBrowser', { url: target, title: param(queryParams?.title) });
      return true;
    }
    case 'help': {
      nav?.navigate('HelpCenter', { articleId: param(queryParams?.article), q: param(queryParams?.q) });
      return true;
    }
    default:
      return false;
  }
}

export function subscribeToLinks(): () => void {
  Linking.getInitialURL().then((u) => u && handleIncomingUrl(u));
  const sub = Linking.addEventListener('url', ({ url }) => {
    handleIncomingUrl(url).catch((e) => console.warn('deep link failed', e));
  });
  return () => sub.remove();
}
