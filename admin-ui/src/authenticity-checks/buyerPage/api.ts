/**
 * The buyer page's calls: its public API, scoped by the link's token (the part of the link after
 * `#`, which browsers never send to a server or in a Referer).
 */
export type BuyerState = 'send_photos' | 'retake' | 'checking' | 'in_review' | 'likely_genuine' | 'likely_counterfeit' | 'closed' | 'failed';

export interface BuyerCheck {
  state: BuyerState;
  product: { brand: string | null; title: string | null; order: string };
  code: string | null;
  asks: { kind: string; hint: string }[];
  checked: string[];
  found: string | null;
  next: string | null;
  photosUntil: string | null;
  photosSent: number;
}

export class BuyerApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function answer(response: Response): Promise<BuyerCheck> {
  if (response.ok) return (await response.json()) as BuyerCheck;
  const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
  throw new BuyerApiError(response.status, problem?.detail ?? problem?.title ?? 'Something went wrong. Try again in a moment.');
}

const path = (token: string) => `/v1/buyer/checks/${encodeURIComponent(token)}`;

export async function loadCheck(token: string): Promise<BuyerCheck> {
  return await answer(await fetch(path(token), { headers: { accept: 'application/json' }, cache: 'no-store' }));
}

export async function sendPhotos(token: string, photos: { kind: string; imageBase64: string }[], code: string | null): Promise<BuyerCheck> {
  const body = JSON.stringify({ photos, ...(code ? { code } : {}) });
  return await answer(await fetch(`${path(token)}/photos`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body }));
}
