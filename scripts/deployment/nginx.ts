/**
 * admin-ui/nginx.conf for the deployment checks, parsed far enough for them: blocks, directives,
 * quoted strings, comments, and nginx's choice of location for a URI.
 */
import { readRepo } from './repo.ts';


export interface NginxDirective {
  name: string;
  args: string[];
  block?: NginxDirective[];
}

export function parseNginx(source: string): NginxDirective[] {
  const tokens: string[] = [];
  const tokenizer = /#[^\n]*|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};"'#]+)/g;
  for (const match of source.matchAll(tokenizer)) {
    if (match[0].startsWith('#')) continue;
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  let position = 0;
  const block = (): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    while (position < tokens.length && tokens[position] !== '}') {
      const words: string[] = [];
      while (position < tokens.length && !['{', ';', '}'].includes(tokens[position] as string)) words.push(tokens[position++] as string);
      const terminator = tokens[position++];
      const [name = '', ...args] = words;
      if (terminator === '{') {
        directives.push({ name, args, block: block() });
        if (tokens[position++] !== '}') throw new Error(`unclosed block ${name}`);
      } else if (terminator === ';') {
        directives.push({ name, args });
      } else {
        throw new Error(`directive ${name} is not terminated`);
      }
    }
    return directives;
  };
  return block();
}

export const nginx = parseNginx(readRepo('admin-ui/nginx.conf'));
export const nginxServer = (() => {
  const servers = nginx.filter((directive) => directive.name === 'server');
  if (servers.length !== 1) throw new Error(`admin-ui/nginx.conf must have one server block, has ${servers.length}`);
  return servers[0]?.block ?? [];
})();
export const serverDirective = (name: string) => nginxServer.find((directive) => directive.name === name)?.args;

/** nginx's location choice: exact match, else longest prefix (regex locations unless ^~). */
export function locationFor(uri: string): NginxDirective | undefined {
  const locations = nginxServer.filter((directive) => directive.name === 'location');
  const exact = locations.find((l) => l.args[0] === '=' && l.args[1] === uri);
  if (exact) return exact;
  const prefixes = locations
    .filter((l) => l.args.length === 1 || l.args[0] === '^~')
    .filter((l) => uri.startsWith(l.args.at(-1) as string))
    .sort((a, b) => (b.args.at(-1) as string).length - (a.args.at(-1) as string).length);
  const longest = prefixes[0];
  if (longest?.args[0] !== '^~') {
    const regex = locations.find(
      (l) => (l.args[0] === '~' || l.args[0] === '~*') && new RegExp(l.args[1] as string, l.args[0] === '~*' ? 'i' : '').test(uri),
    );
    if (regex) return regex;
  }
  return longest;
}

/** The upstream a location proxies to, `set $var value;` at server level resolved. */
export function proxyTarget(location: NginxDirective | undefined): string | undefined {
  const raw = location?.block?.find((directive) => directive.name === 'proxy_pass')?.args[0];
  if (raw === undefined) return undefined;
  return raw.replace(/\$(\w+)/g, (match, name: string) => {
    const set = nginxServer.find((directive) => directive.name === 'set' && directive.args[0] === `$${name}`);
    return set?.args[1] ?? match;
  });
}
