/** Everything the console needs around its routes: server-state cache, language, antd theme and locale. */
import { useEffect, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { onApiError } from '../lib/api.ts';
import { ApiError } from '../lib/api-error.ts';
import { i18n } from '../lib/i18n.ts';
import { forgetSession, meQueryKey, setSessionNotice } from '../features/auth/index.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Retry only what may pass on a second try: the network, or the server failing.
      retry: (count, error) => error instanceof ApiError && (error.status === 0 || error.status >= 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});

const fontFamily =
  "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

const theme: ThemeConfig = {
  token: { colorPrimary: '#1d5bbf', borderRadius: 6, fontFamily },
  components: {
    Layout: { siderBg: '#0f2747', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
    Menu: { darkItemBg: '#0f2747', darkSubMenuItemBg: '#0b1f3a', darkItemSelectedBg: '#1d5bbf' },
  },
};

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  return (
    <ConfigProvider
      locale={instance.language === 'en' ? enUS : zhCN}
      theme={theme}
      // Keep button text exactly as written ("确定", not "确 定"), so that it reads and is found as written.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function SessionLossHandler() {
  useEffect(
    () =>
      onApiError((error) => {
        if (error.isSessionLost) {
          // Tell the user why they are back at the login page, unless they were never signed in.
          if (error.code === 'SESSION_EXPIRED' || queryClient.getQueryData(meQueryKey)) setSessionNotice(error.message);
          forgetSession(queryClient);
        } else if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
          void queryClient.invalidateQueries({ queryKey: meQueryKey });
        }
      }),
    [],
  );
  return null;
}

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <SessionLossHandler />
        <LocalisedAntd>{children}</LocalisedAntd>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
