// The import-boundary rules of tools/lint/import-boundaries.ts as an ESLint rule, so
// `npm run lint` fails on a layering violation the moment it is written, with the same words
// the architecture test uses. Every import form counts: import, export ... from, import().
import path from 'node:path';
import type { Rule } from 'eslint';
import { boundaryViolations, importsOfSource, REPO } from './import-boundaries';

const importBoundaries: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the layers apart: see tools/lint/import-boundaries.ts' },
    schema: [],
  },
  create(context) {
    const from = path.relative(REPO, context.filename).split(path.sep).join('/');
    const check = (node: Rule.Node, source: unknown) => {
      if (typeof source !== 'string') return;
      const edges = importsOfSource(from, `import '${source.replace(/'/g, "\\'")}';`);
      for (const message of boundaryViolations(edges)) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export const orderDeskPlugin = { rules: { 'import-boundaries': importBoundaries } };
