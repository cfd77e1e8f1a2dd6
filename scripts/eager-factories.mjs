// Node's compile cache keeps V8 code for what was compiled when a file was first
// loaded: top-level code and parenthesized functions, not functions compiled
// later on first call. esbuild wraps each CommonJS module (all of oclif, yaml,
// handlebars) in a factory method that runs on every start, so its code was
// compiled from source on every start. Writing the factory as a parenthesized
// function expression makes V8 compile it eagerly, so the cache keeps it.
//   __commonJS({ "x.js"(exports, module) {...} })
//   __commonJS({ "x.js": (function(exports, module) {...}) })
import ts from 'typescript';

export function eagerFactories(code) {
  const source = ts.createSourceFile('chunk.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const edits = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === '__commonJS') {
      const [factories] = node.arguments;
      for (const factory of factories && ts.isObjectLiteralExpression(factories) ? factories.properties : []) {
        if (!ts.isMethodDeclaration(factory)) continue;
        edits.push({ at: factory.name.end, text: ': (function' }, { at: factory.end, text: ')' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  edits.sort((a, b) => b.at - a.at);
  let out = code;
  for (const { at, text } of edits) out = out.slice(0, at) + text + out.slice(at);
  return out;
}
