/** Routes and methods from fastify's printRoutes tree (`├── /v1/x (GET, POST)`, children indented by four). */
export function routesFromTree(tree: string): { path: string; method: string }[] {
  const found: { path: string; method: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    for (const method of match[3]!.split(', ')) found.push({ path: stack.join(''), method });
  }
  return found;
}
