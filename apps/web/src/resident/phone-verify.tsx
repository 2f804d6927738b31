/** Phone number and one-time code: proves the phone and opens the resident session. */
import { useEffect, useState } from 'react';
import { api, ResidentApiError } from './api.ts';
import { ErrorBox, useShell } from './app.tsx';

export function PhoneVerify() {
  const { t, session, setSession } = useShell();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [withAccount, setWithAccount] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  if (session)
    return (
      <p className="r-ok">
        {session.kind === 'phone' ? t.verifiedAs(session.phoneMasked ?? '') : t.signedInAs(session.displayName ?? '')}
      </p>
    );

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const sent = await api.sendCode(phone);
      setSentTo(sent.phoneMasked);
      setDemoCode(sent.demoCode ?? null);
      setWait(sent.resendAfterSeconds);
    } catch (e) {
      setError(e instanceof ResidentApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      setSession(await api.verify(phone, code));
    } catch (e) {
      setError(e instanceof ResidentApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (withAccount) return <AccountSignIn onCancel={() => setWithAccount(false)} />;

  return (
    <div className="r-stack">
      <label className="r-label" htmlFor="r-phone">
        {t.phone}
      </label>
      <input
        id="r-phone"
        className="r-input"
        type="tel"
        inputMode="numeric"
        autoComplete="tel"
        maxLength={13}
        placeholder={t.phonePlaceholder}
        value={phone}
        onChange={(e) => setPhone(e.target.value.replace(/[^\d]/g, ''))}
      />
      <button
        type="button"
        className="r-button"
        disabled={busy || wait > 0 || phone.length !== 11}
        onClick={() => void send()}
      >
        {wait > 0 ? t.resendIn(wait) : t.getCode}
      </button>
      {sentTo && <p className="r-muted">{t.codeSent(sentTo)}</p>}
      {demoCode && (
        <p className="r-demo" data-testid="demo-code">
          {t.demoCode(demoCode)}
        </p>
      )}
      {sentTo && (
        <>
          <label className="r-label" htmlFor="r-code">
            {t.code}
          </label>
          <input
            id="r-code"
            className="r-input r-code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder={t.codePlaceholder}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/[^\d]/g, ''))}
          />
          <button
            type="button"
            className="r-button r-primary"
            disabled={busy || code.length !== 6}
            onClick={() => void confirm()}
          >
            {t.confirmCode}
          </button>
        </>
      )}
      <ErrorBox error={error} />
      <button type="button" className="r-link" onClick={() => setWithAccount(true)}>
        {t.useAccount}
      </button>
    </div>
  );
}

/** Residents who have an account sign in with it instead of a code. */
function AccountSignIn({ onCancel }: { onCancel: () => void }) {
  const { t, setSession } = useShell();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await api.signIn(username.trim(), password);
      if (s) setSession(s);
      else setError(t.notResidentAccount);
    } catch (e) {
      setError(e instanceof ResidentApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="r-stack">
      <label className="r-label" htmlFor="r-user">
        {t.username}
      </label>
      <input
        id="r-user"
        className="r-input"
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <label className="r-label" htmlFor="r-password">
        {t.password}
      </label>
      <input
        id="r-password"
        className="r-input"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button
        type="button"
        className="r-button r-primary"
        disabled={busy || !username.trim() || !password}
        onClick={() => void signIn()}
      >
        {t.signIn}
      </button>
      <ErrorBox error={error} />
      <button type="button" className="r-link" onClick={onCancel}>
        {t.usePhone}
      </button>
    </div>
  );
}
