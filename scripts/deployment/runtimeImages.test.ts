/**
 * Static checks of the runtime images: every package the API and worker code imports is a
 * production dependency, and every file it loads reaches the image.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isDockerIgnored } from './dockerignore.ts';
import { readRepo, repoPath, ROOT, type Env } from './repo.ts';

describe('runtime images', () => {
  const manifest = JSON.parse(readRepo('package.json')) as { dependencies: Env; devDependencies: Env };

  /** Packages reached by value imports from the given files, following relative imports. */
  function runtimeImports(roots: string[]): { packages: Map<string, string>; unresolved: string[] } {
    const packages = new Map<string, string>();
    const unresolved: string[] = [];
    const seen = new Set<string>();
    const resolveRelative = (from: string, specifier: string): string | undefined => {
      const base = path.resolve(path.dirname(from), specifier);
      const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
      return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    };
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      // a file the process loads must be in the image
      if (isDockerIgnored(path.relative(ROOT, file))) unresolved.push(`${path.relative(ROOT, file)} is docker-ignored`);
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const specifiers: string[] = [];
      const walk = (node: ts.Node) => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
          const clause = node.importClause;
          const bindings = clause?.namedBindings;
          const typeOnly =
            clause?.isTypeOnly === true ||
            (clause !== undefined &&
              clause.name === undefined &&
              bindings !== undefined &&
              ts.isNamedImports(bindings) &&
              bindings.elements.length > 0 &&
              bindings.elements.every((element) => element.isTypeOnly));
          if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
        } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
          specifiers.push(node.moduleSpecifier.text);
        } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          const [argument] = node.arguments;
          if (argument && ts.isStringLiteralLike(argument)) specifiers.push(argument.text);
        }
        ts.forEachChild(node, walk);
      };
      walk(source);
      for (const specifier of specifiers) {
        const relativeFile = path.relative(ROOT, file);
        if (specifier.startsWith('.')) {
          const target = resolveRelative(file, specifier);
          // prisma/generated is produced by `prisma generate` in the image; it needs @prisma/client
          if (path.relative(ROOT, path.resolve(path.dirname(file), specifier)).startsWith(`prisma${path.sep}generated`)) {
            packages.set('@prisma/client', relativeFile);
          } else if (target === undefined) {
            unresolved.push(`${relativeFile}: ${specifier}`);
          } else if (/\.(ts|tsx|mts)$/.test(target)) {
            visit(target);
          }
          continue;
        }
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);
        if (specifier.startsWith('node:') || builtinModules.includes(name)) continue;
        if (!packages.has(name)) packages.set(name, relativeFile);
      }
    };
    for (const root of roots) visit(repoPath(root));
    return { packages, unresolved };
  }

  const workflowFiles = (): string[] => {
    if (!existsSync(repoPath('workflows'))) return [];
    return (readdirSync(repoPath('workflows'), { recursive: true }) as string[])
      .map((entry) => path.join('workflows', entry))
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
  };

  it.each([
    ['api', ['api/server.ts']],
    ['worker', ['workers/main.ts']],
  ])('the %s image has every package its code imports (installed with --omit=dev)', (name, entries) => {
    const roots = name === 'worker' ? [...entries, ...workflowFiles()] : entries;
    for (const root of roots) expect(existsSync(repoPath(root)), `${root} exists`).toBe(true);
    const { packages, unresolved } = runtimeImports(roots);
    expect(unresolved).toEqual([]);
    const missing = [...packages]
      .filter(([pkg]) => manifest.dependencies[pkg] === undefined)
      .map(([pkg, importer]) => `${pkg} (imported by ${importer}${manifest.devDependencies[pkg] ? ', a devDependency' : ''})`);
    expect(missing).toEqual([]);
    expect(packages.size, 'the entry points import packages').toBeGreaterThan(0);
  });

  it('can start the processes with `node --import tsx`: tsx is a production dependency', () => {
    expect(manifest.dependencies.tsx).toBeDefined();
  });
});
