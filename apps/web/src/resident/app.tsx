/** The resident pages' shell: language, the current session, and a tiny router under /r/. */
import type { ResidentSession } from '@linli/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setApiLanguage } from './api.ts';
import { MyRequests } from './my-requests.tsx';
import { NewRequest } from './new-request.tsx';
import { RequestView } from './request-view.tsx';
import { texts, type Lang, type Texts } from './texts.ts';

interface Shell {
  t: Texts;
  lang: Lang;
  go: (path: string) => void;
  session: ResidentSession | null | undefined;
  setSession: (s: ResidentSession | null) => void;
}

const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const s = useContext(ShellContext);
  if (!s) throw new Error('useShell outside ResidentApp');
  return s;
}

function initialLang(): Lang {
  const saved = localStorage.getItem('linli.resident.lang');
  return saved === 'en' ? 'en' : 'zh-CN';
}

export function ResidentApp() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [path, setPath] = useState(() => location.pathname);
  const [session, setSession] = useState<ResidentSession | null | undefined>(undefined);

  useEffect(() => {
    setApiLanguage(lang);
    document.documentElement.lang = lang;
    localStorage.setItem('linli.resident.lang', lang);
  }, [lang]);

  useEffect(() => {
    api.session().then(setSession, () => setSession(null));
    const onPop = () => setPath(location.pathname);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const go = useCallback((to: string) => {
    history.pushState(null, '', to);
    setPath(to);
    scrollTo(0, 0);
  }, []);

  const t = texts[lang];
  const shell = useMemo(() => ({ t, lang, go, session, setSession }), [t, lang, go, session]);
  useEffect(() => {
    document.title = t.appName;
  }, [t]);

  let page: ReactNode;
  const view = /^\/r\/requests\/(\d+)(\/rate)?\/?$/.exec(path);
  if (path.startsWith('/r/new')) page = <NewRequest />;
  else if (path.startsWith('/r/mine')) page = <MyRequests />;
  else if (view) page = <RequestView id={Number(view[1])} rating={!!view[2]} />;
  else page = <Home />;

  return (
    <ShellContext.Provider value={shell}>
      <header className="r-header">
        <a
          className="r-brand"
          href="/r/"
          onClick={(e) => {
            e.preventDefault();
            go('/r/');
          }}
        >
          {t.appName}
        </a>
        <button type="button" className="r-lang" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
          {t.switchLang}
        </button>
      </header>
      <main className="r-main">{page}</main>
    </ShellContext.Provider>
  );
}

function Home() {
  const { t, go, session, setSession } = useShell();
  return (
    <section>
      <h1 className="r-title">{t.homeTitle}</h1>
      <p className="r-lead">{t.homeLead}</p>
      <button type="button" className="r-big r-primary" onClick={() => go('/r/new')}>
        <span className="r-big-title">{t.newRequest}</span>
        <span className="r-big-hint">{t.newRequestHint}</span>
      </button>
      <button type="button" className="r-big" onClick={() => go('/r/mine')}>
        <span className="r-big-title">{t.myRequests}</span>
        <span className="r-big-hint">{t.myRequestsHint}</span>
      </button>
      {session && (
        <p className="r-muted r-row">
          <span>
            {session.kind === 'phone'
              ? t.verifiedAs(session.phoneMasked ?? '')
              : t.signedInAs(session.displayName ?? '')}
          </span>
          <button
            type="button"
            className="r-link"
            onClick={() => {
              void api.endSession(session.kind).then(() => setSession(null));
            }}
          >
            {t.signOut}
          </button>
        </p>
      )}
    </section>
  );
}

/** A red box with what went wrong and what to do. */
export function ErrorBox({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="r-error" role="alert">
      {error}
    </p>
  );
}

/** Formats a time for residents: 3月2日 10:05 / Mar 2, 10:05. */
export function formatTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (lang === 'en') return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}, ${hm}`;
  return `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
}
