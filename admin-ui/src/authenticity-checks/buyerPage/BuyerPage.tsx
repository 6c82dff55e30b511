/**
 * The buyer's page of an authenticity check, made for a phone: the product, the photos to take
 * one at a time with a hint each (the code read on the phone where it can be, typed otherwise),
 * progress while the check runs, then the outcome in plain words. Everything shown is text (no
 * raw HTML): what the buyer typed, and what the API says.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { BuyerApiError, loadCheck, sendPhotos, type BuyerCheck } from './api.ts';
import { readCodeOnPhone, sendable, toBase64 } from './photos.ts';

const KIND_TITLES: Record<string, string> = {
  label: 'Photo of the label',
  code: 'Close-up of the code',
  product: 'Photo of the product',
  packaging: 'Photo of the packaging',
  receipt: 'Photo of the receipt',
};

const OUTCOME_TITLES: Partial<Record<BuyerCheck['state'], string>> = {
  likely_genuine: 'Your product looks genuine',
  likely_counterfeit: 'Your product is likely a fake',
  in_review: 'A person will look at it',
  retake: 'Please take a photo again',
  closed: 'This check is closed',
  failed: 'We could not finish the check',
};

/** How often the page asks again while the check runs, and while a moderator looks. */
const POLL_MS = { checking: 2_000, in_review: 15_000 } as const;

interface TakenPhoto {
  kind: string;
  blob: Blob;
  preview: string;
}

export function BuyerPage({ token }: { token: string }) {
  const [check, setCheck] = useState<BuyerCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linkInvalid, setLinkInvalid] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setCheck(await loadCheck(token));
      setError(null);
    } catch (failure) {
      if (failure instanceof BuyerApiError && failure.status === 404) setLinkInvalid(true);
      else setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, [token]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const state = check?.state;
  useEffect(() => {
    if (state !== 'checking' && state !== 'in_review') return;
    const timer = window.setInterval(() => void refresh(), POLL_MS[state]);
    return () => window.clearInterval(timer);
  }, [state, refresh]);

  if (linkInvalid || token === '') {
    return (
      <main className="buyer">
        <h1>This link does not work</h1>
        <p>The link is not valid any more. Ask the shop for a new link to check your product.</p>
      </main>
    );
  }
  if (!check) {
    return (
      <main className="buyer" aria-busy="true">
        <p>{error ?? 'Loading…'}</p>
      </main>
    );
  }
  return (
    <main className="buyer">
      <header className="product">
        <p className="eyebrow">Is it genuine?</p>
        <h1>{check.product.title ?? check.product.brand ?? 'Your product'}</h1>
        {check.product.title && check.product.brand ? <p className="brand">{check.product.brand}</p> : null}
        <p className="order">Order {check.product.order}</p>
      </header>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {check.state === 'send_photos' || check.state === 'retake' ? (
        <PhotoSteps key={`${check.state}-${check.photosSent}`} check={check} token={token} onSent={setCheck} onError={setError} />
      ) : check.state === 'checking' ? (
        <section className="progress" aria-live="polite">
          <div className="spinner" aria-hidden="true" />
          <h2>Checking what you sent…</h2>
          <p>{check.next}</p>
        </section>
      ) : (
        <Outcome check={check} />
      )}
    </main>
  );
}

function Outcome({ check }: { check: BuyerCheck }) {
  return (
    <section className={`outcome outcome-${check.state}`} aria-live="polite">
      <h2>{OUTCOME_TITLES[check.state] ?? 'Your check'}</h2>
      {check.checked.length > 0 ? (
        <>
          <h3>What we checked</h3>
          <ul>
            {check.checked.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      ) : null}
      {check.found ? (
        <>
          <h3>What we found</h3>
          <p>{check.found}</p>
        </>
      ) : null}
      {check.next ? (
        <>
          <h3>What happens next</h3>
          <p className="next">{check.next}</p>
        </>
      ) : null}
      {check.code ? <p className="code-sent">Code you sent: <span className="code">{check.code}</span></p> : null}
    </section>
  );
}

function PhotoSteps({ check, token, onSent, onError }: { check: BuyerCheck; token: string; onSent: (check: BuyerCheck) => void; onError: (message: string | null) => void }) {
  const asks = check.asks;
  const [step, setStep] = useState(0);
  const [taken, setTaken] = useState<TakenPhoto[]>([]);
  const [current, setCurrent] = useState<TakenPhoto | null>(null);
  const [code, setCode] = useState(check.code ?? '');
  const [readOnPhone, setReadOnPhone] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const reviewing = step >= asks.length;
  const ask = asks[step];

  const choose = async (file: File | undefined) => {
    if (!file || !ask) return;
    onError(null);
    try {
      const blob = await sendable(file);
      setCurrent({ kind: ask.kind, blob, preview: URL.createObjectURL(blob) });
      if (ask.kind === 'label' || ask.kind === 'code') {
        setReading(true);
        const read = await readCodeOnPhone(blob);
        setReading(false);
        if (read) {
          setReadOnPhone(read);
          setCode(read);
        }
      }
    } catch {
      onError('That file is not a photo we can use. Take the photo again.');
    }
  };
  const next = () => {
    if (current) setTaken((photos) => [...photos, current]);
    setCurrent(null);
    setStep((value) => value + 1);
  };
  const send = async () => {
    setSending(true);
    onError(null);
    try {
      const photos = await Promise.all(taken.map(async (photo) => ({ kind: photo.kind, imageBase64: await toBase64(photo.blob) })));
      onSent(await sendPhotos(token, photos, code.trim() === '' ? null : code.trim()));
    } catch (failure) {
      onError(failure instanceof Error ? failure.message : String(failure));
      setSending(false);
    }
  };

  return (
    <section className="steps">
      {check.state === 'retake' && check.found ? <p className="found">{check.found}</p> : null}
      {check.state === 'retake' && check.code ? <p className="code-sent">Code you sent: <span className="code">{check.code}</span></p> : null}
      <p className="step-count">{reviewing ? 'Ready to send' : `Photo ${step + 1} of ${asks.length}`}</p>
      {ask && !reviewing ? (
        <div className="step">
          <h2>{KIND_TITLES[ask.kind] ?? 'Photo'}</h2>
          <p className="hint">{ask.hint}</p>
          {current ? <img className="preview" src={current.preview} alt={`Your ${ask.kind} photo`} /> : null}
          {reading ? <p className="reading">Reading the code…</p> : null}
          <input
            ref={input}
            className="file"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            aria-label={KIND_TITLES[ask.kind] ?? 'Photo'}
            onChange={(event) => void choose(event.target.files?.[0])}
          />
          <div className="actions">
            <button type="button" className={current ? 'secondary' : 'primary'} onClick={() => input.current?.click()}>
              {current ? 'Take it again' : 'Take photo'}
            </button>
            {current ? (
              <button type="button" className="primary" disabled={reading} onClick={next}>
                Use this photo
              </button>
            ) : taken.length > 0 || step > 0 ? (
              <button type="button" className="link" onClick={next}>
                Skip this photo
              </button>
            ) : null}
          </div>
        </div>
      ) : (
        <div className="step">
          <h2>Send for checking</h2>
          <p>{taken.length === 1 ? '1 photo' : `${taken.length} photos`} ready.</p>
          <label className="code-field">
            {readOnPhone ? 'The code your phone read' : 'The code printed on the product (type it if you can read it)'}
            <input type="text" inputMode="text" autoComplete="off" maxLength={512} value={code} onChange={(event) => setCode(event.target.value)} />
          </label>
          <div className="actions">
            <button type="button" className="primary" disabled={sending || (taken.length === 0 && code.trim() === '')} onClick={() => void send()}>
              {sending ? 'Sending…' : 'Send'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
