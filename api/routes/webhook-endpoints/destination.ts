import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from '../../../core/addressPolicy.ts';
import { ApiProblem } from '../../problem.ts';

/**
 * Where a marketplace may ask us to send webhooks, checked at registration with the same
 * address policy delivery uses (core/addressPolicy.ts), so a refused destination is a 400 now
 * rather than a failed delivery later. The URL parser has already turned every spelling of an
 * address (`127.1`, `0x7f000001`, `2130706433`, `[::ffff:127.0.0.1]`) into its canonical form;
 * names are resolved once, and refused if any address they have is not public. A name that
 * does not resolve yet is accepted: delivery resolves and checks again on every attempt.
 */
const RESERVED_NAME = /(^|\.)(localhost|local|internal|home\.arpa|localdomain)\.?$/i;
const RESOLVE_TIMEOUT_MS = 2_000;

export type HostnameResolver = (hostname: string) => Promise<string[]>;

const systemResolver: HostnameResolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** How a refusal reads: webhooks' by default; another outbound destination (the DSA Transparency Database) names itself. */
export interface DestinationRefusal {
  code: string;
  /** e.g. `webhook URL` */
  noun: string;
}
const WEBHOOK_REFUSAL: DestinationRefusal = { code: 'webhook-url-refused', noun: 'webhook URL' };

/** The URL to store (normalised), or a 400 saying why it is refused. */
export async function checkWebhookDestination(raw: string, options: { allowPrivateNetwork: boolean; resolve?: HostnameResolver; refusal?: DestinationRefusal }): Promise<URL> {
  const { code, noun } = options.refusal ?? WEBHOOK_REFUSAL;
  const refused = (message: string) =>
    new ApiProblem(400, code, `${noun[0]!.toUpperCase()}${noun.slice(1)} refused`, `The ${noun} ${message}.`, [{ field: 'body/url', message }]);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused('is not a valid absolute URL (check the host and the port)');
  }
  if (url.protocol !== 'https:' && !(options.allowPrivateNetwork && url.protocol === 'http:')) throw refused('must be an https URL');
  if (url.username !== '' || url.password !== '') throw refused('must not carry credentials (the signature authenticates us)');
  if (url.hostname === '') throw refused('must name a host');
  if (options.allowPrivateNetwork) return url;

  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) {
    if (!isPublicAddress(host)) throw refused('must point to a public address');
    return url;
  }
  if (RESERVED_NAME.test(host) || !host.includes('.')) throw refused('must name a public host');
  const addresses = await resolveWithin(options.resolve ?? systemResolver, host);
  // the addresses themselves are not echoed: they may describe our own network
  if (addresses.some((address) => !isPublicAddress(address))) throw refused('must name a host with public addresses only');
  return url;
}

async function resolveWithin(resolve: HostnameResolver, host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout([]), RESOLVE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([resolve(host).catch(() => []), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
