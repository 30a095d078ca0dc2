import type { ClassifyRule } from '../rule.js';

/** The code or the pipeline does not build: compiler, linker, syntax, and CI configuration mistakes. */
export const buildRules: ClassifyRule[] = [
  {
    id: 'build/compiler-error',
    category: 'build',
    subcategory: 'compile',
    pattern: /\berror TS\d+:|\berror CS\d+:|\berror\[E\d{4}\]|^error: could not compile|\.java:\[\d+,\d+\] (error: )?\S|\.(java|kt|scala|swift|cs|c|cc|cpp|h|hpp|m|go|rs|hs|zig|f90):\d+(:\d+)?:? (fatal )?error:?\s|^\S+\.go:\d+:\d+: (undefined|cannot use|too many|not enough|imported and not used|declared (and|but) not used|missing return|syntax error)|\[build failed\]$|COMPILATION ERROR|Compilation failed|Failed to compile\.?$|error: aborting due to|cannot find symbol|incompatible types:|Variable not in scope|Failed to load interface for|Module not found: Error: Can't resolve|Cannot find module '[^']+' or its corresponding type declarations|Could not compile|Compilation error|Execution failed for task ':[\w:-]*compile\w*'/i,
    weight: 0.85,
    keywords: ['error', 'build failed', 'compil', 'cannot find symbol', 'incompatible types', 'not in scope', 'failed to load interface', 'can\'t resolve', 'cannot find module', 'undefined', 'cannot use', 'too many', 'not enough', 'not used', 'missing return', 'syntax error', '.java:['],
    examples: {
      match: ['src/index.ts(3,7): error TS2322: Type \'string\' is not assignable to type \'number\'.', '[ERROR] /w/src/Foo.java:[27,12] cannot find symbol', 'main.go:12:2: undefined: Foo', 'src/a.c:3:10: fatal error: foo.h: No such file or directory', 'error[E0425]: cannot find value `x` in this scope', 'FAIL\tgithub.com/acme/x [build failed]'],
      noMatch: ['compiling 3 files', '0 errors, 0 warnings'],
    },
  },
  {
    id: 'build/syntax',
    category: 'build',
    subcategory: 'syntax',
    pattern: /^(\w+\.)?SyntaxError: |^\s*SyntaxError: |Parse error: syntax error|syntax error, unexpected|IndentationError: |invalid syntax|error: unexpected (token|identifier|end of)/,
    weight: 0.7,
    keywords: ['syntaxerror', 'syntax error', 'indentationerror', 'invalid syntax', 'error: unexpected'],
    examples: { match: ['SyntaxError: Unexpected token function', 'PHP Parse error: syntax error, unexpected \'}\''], noMatch: ['syntax highlighting enabled'] },
  },
  {
    id: 'build/load-error',
    category: 'build',
    subcategory: 'syntax',
    pattern: /An error occurred while loading \S+\.rb|LoadError: cannot load such file|ImportError while importing test module|Error: Cannot find module '[^']+'$/,
    weight: 0.85,
    keywords: ['an error occurred while loading', 'loaderror', 'importerror while importing', 'cannot find module'],
    examples: { match: ['An error occurred while loading ./spec/a_spec.rb.', "Error: Cannot find module 'express'"], noMatch: ['loading spec files'] },
  },
  {
    id: 'build/link',
    category: 'build',
    subcategory: 'link',
    pattern: /undefined reference to [`']|ld returned \d+ exit status|linker command failed|ld: (library|symbol\(s\)) not found|unresolved external symbol|LNK\d{4}:/,
    weight: 0.85,
    keywords: ['undefined reference', 'ld returned', 'linker command failed', 'ld: ', 'unresolved external', 'lnk'],
    examples: { match: ["foo.o: undefined reference to `bar'", 'collect2: error: ld returned 1 exit status', 'clang: error: linker command failed with exit code 1'], noMatch: ['linking target app'] },
  },
  {
    id: 'build/ci-config',
    category: 'build',
    subcategory: 'ci-config',
    pattern: /Invalid workflow file|The workflow is not valid|Unrecognized named-value|Unable to resolve action|Can't find 'action\.ya?ml'|Input required and not supplied|Unexpected input\(s\)|No Rakefile found|No rule to make target|Task never defined|Task '\S+' not found in (root )?project|npm ERR! Missing script|Missing script: |command not found$|: not found$|executable file not found in \$PATH|is owned by someone else|detected dubious ownership|No tags can describe|invalid reference format|Illegal switch|flag provided but not defined|unknown (flag|shorthand flag|option)\b|unrecognized (argument|option)s?\b|Unknown (command|lifecycle phase)|No such file or directory.*\b(\w+\.sh|Makefile|requirements\.txt|package\.json|Gemfile|pom\.xml|build\.gradle)\b|Could not find a part of the path|not a git repository|pathspec .* did not match|Permission denied.*\.sh|requires at least one argument|Error: Unable to process file command|set-output command is (deprecated|disabled)|Can't open file|could not read Username/i,
    weight: 0.8,
    keywords: ['invalid workflow', 'workflow is not valid', 'unrecognized named-value', 'unable to resolve action', 'can\'t find \'action', 'input required', 'unexpected input', 'no rakefile', 'no rule to make target', 'task never defined', 'not found in', 'missing script', 'not found', 'owned by someone else', 'dubious ownership', 'no tags can describe', 'invalid reference format', 'illegal switch', 'flag provided but not defined', 'unknown', 'unrecognized', 'no such file', 'could not find a part', 'not a git repository', 'did not match', 'permission denied', 'requires at least one argument', 'unable to process file command', 'set-output', 'can\'t open file', 'could not read username'],
    examples: {
      match: ['No Rakefile found (looking for: rakefile, Rakefile)', "make: *** No rule to make target 'dist'.  Stop.", 'npm ERR! Missing script: "lint"', 'bash: line 1: yarnn: command not found', "Error: Input required and not supplied: token", 'fatal: detected dubious ownership in repository at \'/w\''],
      noMatch: ['Running make dist', 'command found'],
    },
  },
  {
    id: 'build/docker',
    category: 'build',
    subcategory: 'docker',
    pattern: /Unable to find image .* locally|manifest (for \S+ )?(not found|unknown)|pull access denied|repository does not exist or may require 'docker login'|failed to solve: |The command '.*' returned a non-zero code|COPY failed|failed to compute cache key|oci runtime (error|exec failed)|starting container process caused/i,
    weight: 0.75,
    keywords: ['unable to find image', 'manifest', 'pull access denied', 'repository does not exist', 'failed to solve', 'returned a non-zero code', 'copy failed', 'failed to compute cache key', 'oci runtime', 'starting container process'],
    examples: {
      match: ["docker: Error response from daemon: manifest for acme/x:current not found: manifest unknown", 'ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2', "COPY failed: file not found in build context"],
      noMatch: ['Successfully built 123abc'],
    },
  },
  {
    id: 'build/tool-failure',
    category: 'build',
    subcategory: 'build-failure',
    pattern: /BUILD FAILURE|FAILURE: Build failed with an exception|Build FAILED\.?$|error: build failed|make(\[\d+\])?: \*\*\* \[.*\] Error \d+|\[ERROR\] Failed to execute goal|rake aborted!|ninja: build stopped|Build step '.*' marked build as failure/,
    weight: 0.4,
    keywords: ['build failure', 'build failed', 'error', 'failed to execute goal', 'rake aborted', 'build stopped', 'marked build as failure'],
    examples: {
      match: ['[INFO] BUILD FAILURE', 'make: *** [Makefile:12: all] Error 2', 'FAILURE: Build failed with an exception.'],
      noMatch: ['BUILD SUCCESS'],
    },
  },
  {
    id: 'build/runtime-crash',
    category: 'build',
    subcategory: 'runtime-crash',
    pattern: /^(Uncaught )?(ReferenceError|TypeError|RangeError): .* is not (defined|a function)|^node:internal\/\S+:\d+$|Error \[ERR_\w+\]:|^thread '\S+' panicked at/,
    weight: 0.5,
    keywords: ['is not defined', 'is not a function', 'node:internal', 'error [err_', 'panicked at'],
    examples: { match: ['ReferenceError: foo is not defined', "thread 'main' panicked at 'boom', src/main.rs:2:5"], noMatch: ['no panic here'] },
  },
];
