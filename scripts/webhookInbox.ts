/**
 * A local stand-in for a marketplace's webhook receiver, for trying Bonafide by hand:
 * `npx tsx scripts/webhookInbox.ts <whsec_secret> [port]` prints each event it receives and
 * whether its Standard Webhooks signature verifies.
 */
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const [secret, port = '3999'] = process.argv.slice(2);
if (!secret?.startsWith('whsec_')) {
  console.error('usage: npx tsx scripts/webhookInbox.ts <whsec_secret> [port]');
  process.exit(2);
}
const verifier = new Webhook(secret);
createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const event = verifier.verify(body, request.headers as Record<string, string>);
      console.log(`verified ${request.headers['webhook-id']}:`, JSON.stringify(event));
      response.writeHead(204).end();
    } catch (error) {
      console.log(`REJECTED ${request.headers['webhook-id']}: ${(error as Error).message}`);
      response.writeHead(400).end();
    }
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`webhook inbox on http://127.0.0.1:${port}/`));
