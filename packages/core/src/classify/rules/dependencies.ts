import type { ClassifyRule } from '../rule.js';

/** Packages that cannot be found, resolved, or used with this toolchain. Not network outages: see infrastructure. */
export const dependencyRules: ClassifyRule[] = [
  {
    id: 'dependencies/not-found',
    category: 'dependencies',
    subcategory: 'resolution',
    pattern:
      /Could not find artifact \S+|Could not resolve dependencies for project|Failed to read artifact descriptor|Could not resolve all (files|dependencies|artifacts) for configuration|No matching distribution found for|Could not find a version that satisfies the requirement|PackagesNotFoundError|ResolutionImpossible|version solving failed|failed to select a version for|no matching package named|Unable to resolve dependency tree|npm ERR! code (ERESOLVE|ETARGET|E404)|No matching version found for|Couldn't find any versions for|Could not find gem|Could not find .* in any of the sources|unable to find a match for|Package .* is not available|Unable to locate package|Could not resolve (host: )?\S+ in (any|the) (repositor|registr)|does not contain package|module .* not found: (unknown revision|version)|could not find module providing package|package .* is not in (GOROOT|std)|plugin .* (or one of its dependencies )?could not be resolved/i,
    weight: 0.85,
    keywords: [
      'could not find',
      'could not resolve',
      'failed to read artifact descriptor',
      'no matching',
      'packagesnotfounderror',
      'resolutionimpossible',
      'version solving failed',
      'failed to select a version',
      'unable to resolve',
      'npm err! code',
      "couldn't find any versions",
      'unable to find a match',
      'is not available',
      'unable to locate package',
      'does not contain package',
      'not found',
      'could not find module',
      'is not in goroot',
      'is not in std',
      'could not be resolved',
    ],
    examples: {
      match: [
        'Could not find artifact com.acme:lib:jar:1.2 in central (https://repo1.maven.org/maven2/)',
        'ERROR: No matching distribution found for numpy==9.9',
        'npm ERR! code ERESOLVE',
        'E: Unable to locate package libfoo-dev',
      ],
      noMatch: ['Resolving dependencies...', 'Downloaded artifact com.acme:lib:jar:1.2'],
    },
  },
  {
    id: 'dependencies/version-conflict',
    category: 'dependencies',
    subcategory: 'version-conflict',
    pattern:
      /The requested package \S+ .*(exists as|could not be found)|Your requirements could not be resolved to an installable set|conflicting (dependencies|requirements|versions)|dependency conflict|has requirement .*, but you have|Because .* depends on .* version solving|peer dep(endency)? .*(conflict|incompatible)|is incompatible with (this|the) (version|module)|Bundler could not find compatible versions/i,
    weight: 0.85,
    keywords: [
      'the requested package',
      'could not be resolved to an installable set',
      'conflict',
      'has requirement',
      'version solving',
      'peer dep',
      'is incompatible with',
      'could not find compatible versions',
    ],
    examples: {
      match: [
        '  - The requested package acme/lib 4.4@dev exists as acme/lib[2.7.x-dev] but these are rejected',
        'Your requirements could not be resolved to an installable set of packages.',
        'pkg 1.0 has requirement six>=1.16, but you have six 1.10.',
      ],
      noMatch: ['No conflicts found'],
    },
  },
  {
    id: 'dependencies/lockfile',
    category: 'dependencies',
    subcategory: 'lockfile',
    pattern:
      /can only install packages when your package\.json and package-lock\.json .* are in sync|lock ?file .*(out of date|needs to be updated|not up to date|would have been modified)|frozen-lockfile|--frozen-lockfile|lockfile had changes, but lockfile is frozen|The lock file is not up to date|poetry\.lock .* (not consistent|out of date)|Gemfile\.lock .* (frozen|changed)|go: updates to go\.(mod|sum) needed|missing go\.sum entry/i,
    weight: 0.85,
    keywords: ['package-lock.json', 'lock', 'go.mod', 'go.sum'],
    examples: {
      match: [
        'npm ERR! `npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync.',
        'go: updates to go.mod needed; to update it:',
        'missing go.sum entry for module providing package x',
      ],
      noMatch: ['lockfile is up to date'],
    },
  },
  {
    id: 'dependencies/class-version',
    category: 'dependencies',
    subcategory: 'incompatible-class-version',
    pattern:
      /UnsupportedClassVersionError|has been compiled by a more recent version of the Java Runtime|class file has wrong version|bad class file: |class file (major )?version \d+.*(only|up to)|cannot access \S+$/,
    weight: 0.9,
    keywords: ['unsupportedclassversionerror', 'compiled by a more recent version', 'class file', 'cannot access'],
    examples: {
      match: [
        'java.lang.UnsupportedClassVersionError: x/Y has been compiled by a more recent version of the Java Runtime (class file version 61.0)',
        '  bad class file: /root/.m2/spoon.jar(spoon/Launcher.class)',
      ],
      noMatch: ['cannot find symbol'],
    },
  },
  {
    id: 'dependencies/toolchain',
    category: 'dependencies',
    subcategory: 'toolchain-incompatible',
    pattern:
      /The engine "\w+" is incompatible with this module|Unsupported engine|requires a different (Ruby|Python|Node|PHP|Java|Go|Rust)\b|requires (Ruby|Python|Node(\.js)?|PHP|Java|Go|Rust) version|requires Python ['"]?[<>=]|requires rustc \d|Requires: Python|rustc \d+\.\d+\.\d+ is not supported|package requires go\s?\d|go\.mod requires go >= /i,
    weight: 0.85,
    keywords: [
      'is incompatible with this module',
      'unsupported engine',
      'requires a different',
      'requires python',
      'requires rustc',
      'requires: python',
      'is not supported',
      'package requires go',
      'requires go',
    ],
    examples: {
      match: [
        'error lib@2.0.0: The engine "node" is incompatible with this module. Expected version ">=18".',
        "ERROR: Package x requires a different Python: 3.7.1 not in '>=3.8'",
      ],
      noMatch: ['Using Python 3.11'],
    },
  },
  {
    id: 'dependencies/third-party-compile',
    category: 'dependencies',
    subcategory: 'toolchain-incompatible',
    // The compiler points into a downloaded crate or module: the dependency does not build with this toolchain.
    pattern:
      /^\s*--> \S*(\.cargo\/registry\/src|\.cargo\/git\/checkouts)\/|^\S*\/go\/pkg\/mod\/\S+\.go:\d+:\d+: (undefined|cannot use|too many|not enough|syntax error)/,
    weight: 0.9,
    keywords: ['.cargo/', '/go/pkg/mod/'],
    examples: {
      match: ['  --> /home/u/.cargo/registry/src/github.com-1ecc/alloc-0.5.0/src/lib.rs:139:5', '/home/u/go/pkg/mod/x.io/y@v1.0.0/a.go:3:4: undefined: z'],
      noMatch: ['   --> src/main.rs:3:5'],
    },
  },
  {
    id: 'dependencies/download-404',
    category: 'dependencies',
    subcategory: 'download-404',
    pattern: /\bFailure 404\b|\b404 Not Found\b|returned error: 404|\bHTTP (Error )?404\b|status code 404|response status 404|\bE404\b|Not Found for url/i,
    weight: 0.7,
    keywords: ['404', 'not found for url'],
    examples: {
      match: ['curl: (22) The requested URL returned error: 404', '* Failure 404 Not Found', 'npm ERR! 404 Not Found - GET https://registry.npmjs.org/nope'],
      noMatch: ['GET /health 200', 'handled 404 page test'],
    },
  },
  {
    id: 'dependencies/install-failed',
    category: 'dependencies',
    subcategory: 'install',
    pattern:
      /Failed building wheel for|ERROR: Could not build wheels for|Command errored out with exit status|error: subprocess-exited-with-error|npm ERR! (code ELIFECYCLE.*install|gyp ERR)|gyp ERR! |An error occurred while installing \S+|Gem::Ext::BuildError|pip install .* (returned|exit status) [1-9]|ERROR: Failed to build installable wheels/i,
    weight: 0.75,
    keywords: [
      'failed building wheel',
      'could not build wheels',
      'command errored out',
      'subprocess-exited-with-error',
      'npm err!',
      'gyp err!',
      'an error occurred while installing',
      'builderror',
      'pip install',
      'failed to build installable wheels',
    ],
    examples: {
      match: ['Failed building wheel for lxml', 'An error occurred while installing nokogiri (1.10.0), and Bundler cannot continue.'],
      noMatch: ['Successfully built wheel for lxml'],
    },
  },
];
