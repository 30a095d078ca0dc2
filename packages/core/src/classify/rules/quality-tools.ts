import type { ClassifyRule } from '../rule.js';

/** Linters, formatters, doc-coverage and link checkers outside the JavaScript world, in their own output formats. */
export const qualityToolRules: ClassifyRule[] = [
  {
    // markdownlint (github.com/DavidAnson/markdownlint doc/Rules.md: MD001…MD059 with their aliases),
    // as markdownlint-cli prints it (`file:line[:col] MDnnn/alias Description`) and mdl (`file:line: MDnnn …`).
    id: 'quality/markdownlint',
    category: 'quality',
    subcategory: 'lint',
    pattern: /\S+\.(md|markdown):\d+(:\d+)?:? (error )?MD\d{3}(\/[\w-]+)* /i,
    weight: 0.9,
    keywords: ['.md:', '.markdown:'],
    examples: {
      match: [
        'README.md:12 MD040/fenced-code-language Fenced code blocks should have a language specified [Context: "```"]',
        'docs/intro.md:3:81 MD013/line-length Line length [Expected: 80; Actual: 95]',
        'README.md:7: MD009 Trailing spaces',
        'CHANGELOG.md:1 error MD041/first-line-heading/first-line-h1 First line in a file should be a top-level heading',
      ],
      noMatch: ['Writing README.md:12 bytes', 'see MD040 in the docs'],
    },
  },
  {
    // stylelint's string formatter (`line:col  ✖  message  rule-name`), sass-lint / scss-lint output
    // (`file:line [W|E] Rule: message`), and stylelint's summary.
    id: 'quality/style-lint',
    category: 'quality',
    subcategory: 'lint',
    pattern: /^\s*\d+:\d+\s+[✖×⚠]\s+.+\s{2,}[a-z]+(-[a-z]+)+$|\S+\.(s?css|sass|less):\d+(:\d+)? \[[WE]\] \w+: |\b\d+ problems? \(\d+ errors?, \d+ warnings?\)/,
    weight: 0.85,
    keywords: ['✖', '×', '⚠', '.css:', '.scss:', '.sass:', '.less:', 'problem'],
    examples: {
      match: [
        ' 3:12  ✖  Unexpected invalid hex color "#ababa"   color-no-invalid-hex',
        'app/styles/main.scss:14 [W] Indentation: Line should be indented 2 spaces, but was indented 4 spaces',
        '✖ 4 problems (4 errors, 0 warnings)',
      ],
      noMatch: ['compiled main.scss in 0.2s', '0 problems'],
    },
  },
  {
    // editorconfig-checker (github.com/editorconfig-checker/editorconfig-checker, pkg/validation messages)
    // and eclint's "invalid indentation" wording.
    id: 'quality/editorconfig',
    category: 'quality',
    subcategory: 'format',
    pattern:
      /Wrong amount of left-padding spaces|Wrong indent style found|Wrong indentation type|Trailing whitespace$|Wrong line endings or (new )?final newline|Line too long \(\d+ instead of \d+\)|\d+ errors? found$|invalid indent(ation|_style|_size)|editorconfig.*(violation|failed)/i,
    weight: 0.8,
    keywords: [
      'wrong amount',
      'wrong indent',
      'trailing whitespace',
      'wrong line endings',
      'line too long',
      'errors found',
      'error found',
      'invalid indent',
      'editorconfig',
    ],
    examples: {
      match: [
        '\t12: Wrong amount of left-padding spaces(want multiple of 2)',
        '\t3: Wrong indent style found (tabs instead of spaces)',
        '4 errors found',
        '\t9: Trailing whitespace',
      ],
      noMatch: ['0 files checked', 'trailing whitespace removed by formatter'],
    },
  },
  {
    // Documentation coverage: jazzy ("N% documentation coverage with M undocumented symbols"), inch,
    // interrogate ("RESULT: FAILED (minimum: 80.0%, actual: 50.0%)"), and "undocumented" reports.
    id: 'quality/doc-coverage',
    category: 'quality',
    subcategory: 'docs',
    pattern:
      /\d+% documentation coverage with [1-9]\d* undocumented|RESULT: FAILED \(minimum: [\d.]+%, actual: [\d.]+%\)|documentation coverage .*(below|less than|under) |[1-9]\d* undocumented (symbols?|methods?|classes?)/i,
    weight: 0.8,
    keywords: ['documentation coverage', 'result: failed', 'undocumented'],
    examples: {
      match: ['87% documentation coverage with 12 undocumented symbols', 'RESULT: FAILED (minimum: 80.0%, actual: 62.5%)', 'found 3 undocumented methods'],
      noMatch: ['100% documentation coverage with 0 undocumented symbols', 'RESULT: PASSED (minimum: 80.0%, actual: 92.0%)'],
    },
  },
  {
    // Link checkers on docs and READMEs: markdown-link-check (`[✖] url → Status: 404`, `ERROR: N dead
    // links found!`), lychee (`[404] url`, `✗ [ERR]`), html-proofer (`HTML-Proofer found N failures!`,
    // `External link … failed: 404`), awesome_bot (`Issues :-(` then `1. [L012] 404 url`), linkchecker.
    id: 'quality/link-check',
    category: 'quality',
    subcategory: 'links',
    pattern:
      /\[✖\] \S+ → Status: \d+|ERROR: [1-9]\d* dead links? found|HTML-Proofer found [1-9]\d* failures?|External link \S+ failed|internally linking to \S+, which does not exist|^\s*\d+\. \[L\d+\] (\d{3}|Error|Timeout)\b|^Issues :-\(|^\s*[✗✖] \[(\d{3}|ERR|TIMEOUT)\] \S+|^\[(4\d\d|5\d\d)\] https?:\/\/|[1-9]\d* (broken|dead) links? found/i,
    weight: 0.85,
    keywords: ['[✖]', 'dead link', 'html-proofer', 'external link', 'internally linking', '[l', 'issues :-(', '✗ [', '✖ [', '] http', 'broken link'],
    examples: {
      match: [
        '  [✖] https://example.com/gone → Status: 404',
        'ERROR: 2 dead links found!',
        'HTML-Proofer found 3 failures!',
        '  *  External link https://example.com/x failed: 404 No error',
        '1. [L021] 404 https://example.com/removed',
        'Issues :-(',
        '✗ [404] https://example.com/missing | Failed: Network error: Not Found',
      ],
      noMatch: ['[✓] https://example.com → Status: 200', 'HTML-Proofer finished successfully.', 'ERROR: 0 dead links found!'],
    },
  },
];
