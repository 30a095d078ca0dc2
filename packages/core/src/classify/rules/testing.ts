import type { ClassifyRule } from '../rule.js';

/** Test runners reporting failed tests, crashed test processes and sanitizer findings. */
export const testingRules: ClassifyRule[] = [
  {
    id: 'testing/go-test',
    category: 'testing',
    subcategory: 'test-failure',
    pattern: /^\s*--- FAIL: \S+|^FAIL: Test\S* \(\d|^FAIL\t\S+\t[\d.]+s$|panic: .*\[recovered\]/,
    weight: 0.85,
    keywords: ['--- fail', 'fail: test', 'fail\t', '[recovered]'],
    examples: {
      match: ['--- FAIL: TestParse (0.00s)', 'FAIL: TestSeparator (0.03s)', 'FAIL\tgithub.com/acme/x\t0.412s'],
      noMatch: ['ok  \tgithub.com/acme/x\t0.2s', 'FAIL\tgithub.com/acme/x [build failed]'],
    },
  },
  {
    id: 'testing/junit-summary',
    category: 'testing',
    subcategory: 'test-failure',
    pattern:
      /Tests run: \d+, Failures: [1-9]|Tests run: \d+, Failures: \d+, Errors: [1-9]|<<< (FAILURE|ERROR)!|There (was|were) \d+ (failures?|errors?):|^Tests in error:|^Failed tests:|\d+ tests? completed, \d+ failed|> \S+ FAILED$|Test .* FAILED$|There were failing tests/,
    weight: 0.85,
    keywords: ['failures: ', 'errors: ', '<<< failure', '<<< error', 'there was', 'there were', 'tests in error', 'failed tests', 'failed', 'failing tests'],
    examples: {
      match: [
        'Tests run: 10, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.036 s <<< FAILURE! - in x.YTest',
        'ParserTest > testParse() FAILED',
        'There was 1 failure:',
      ],
      noMatch: ['Tests run: 10, Failures: 0, Errors: 0, Skipped: 0'],
    },
  },
  {
    id: 'testing/assertion',
    category: 'testing',
    subcategory: 'test-failure',
    pattern:
      /AssertionError|AssertionFailedError|ComparisonFailure|Failed asserting that|assert(ion)? failed|Assertion Failed|Expected .* (but|to) (got|was|be|equal|have|contain)|expected:? .* (but was|got|received|to (equal|be|eq))|\bexpected\b.*\bactual\b|Failure\/Error:|^\s*(expected|got|Expected|Received):\s|toBe(Called|Defined|Truthy)?\(|didn't get expected/,
    weight: 0.8,
    keywords: ['assert', 'comparisonfailure', 'expected', 'failure/error', 'got:', 'received:', 'tobe'],
    examples: {
      match: [
        'AssertionError: expected 1 to equal 2',
        'Failed asserting that false is true.',
        'Failure/Error: expect(x).to eq(10)',
        '       got: 7',
        'Expected v:null but got process 1',
      ],
      noMatch: ['expected to finish in 3s', 'Assertions: 291'],
    },
  },
  {
    id: 'testing/runner-summary',
    category: 'testing',
    subcategory: 'test-failure',
    pattern:
      /Test Suites: \d+ failed|^test result: FAILED\.|Tests:\s+\d+ failed|^\s*[1-9]\d* failing$|^=+ (\d+ failed|FAILURES) |^=+ FAILURES =+$|^_{3,} \S.* _{3,}$|ERROR collecting |^\s*✕ |^\s*✗ |^not ok \d+ |Dubious, test returned [1-9]|Failed \d+\/\d+ (subtests|test programs)|^FAILED \S+::|\d+ examples?, [1-9]\d* failures?|Module Failed:|Test Failed:|Found errors in Test_|^FAIL:? \S+\.(phpt|t|js|ts|py|rb)\b|^FAIL .* \[\S+\.phpt\]$|^FAIL \[|Tests? failed[!:.]|test(s)? FAILED|Some tests failed|Unit tests failed|\d+ (test|spec)s? failed|ERROR at (setup|teardown) of|^\s*\d+\) \S.*(Test|test|spec|should|::)/,
    weight: 0.8,
    keywords: [
      'failed',
      'failing',
      'failures',
      '___',
      'error collecting',
      '✕',
      '✗',
      'not ok',
      'dubious',
      'failure',
      'module failed',
      'test failed',
      'found errors in test_',
      'fail',
      'error at setup',
      'error at teardown',
      'test',
      'spec',
      'should',
      '::',
    ],
    examples: {
      match: [
        'test result: FAILED. 41 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out',
        'Test Suites: 1 failed, 3 passed, 4 total',
        '  2 failing',
        '=================== FAILURES ===================',
        '______ test_parse ______',
        'not ok 3 - parses dates',
        '10 examples, 2 failures',
        '1) Inflector_helper_test::test_plural',
      ],
      noMatch: ['Test Suites: 4 passed, 4 total', '0 failing', '10 examples, 0 failures'],
    },
  },
  {
    id: 'testing/sanitizer',
    category: 'testing',
    subcategory: 'sanitizer',
    pattern:
      /ERROR: (Address|Leak|Thread|Memory|UndefinedBehavior)Sanitizer|SUMMARY: (Address|Leak|Thread|Memory|UndefinedBehavior)Sanitizer|runtime error: .*(overflow|misaligned|null pointer|out of bounds|shift exponent)|WARNING: ThreadSanitizer: data race|==\d+==ERROR:/,
    weight: 0.9,
    keywords: ['sanitizer', 'runtime error: ', '==error:'],
    examples: {
      match: ['==123==ERROR: AddressSanitizer: heap-use-after-free on address 0x6020', 'src/a.c:10:5: runtime error: signed integer overflow: 2147483647 + 1'],
      noMatch: ['Building with -fsanitize=address'],
    },
  },
  {
    id: 'testing/test-timeout',
    category: 'testing',
    subcategory: 'test-timeout',
    pattern:
      /Timeout of \d+ ?ms exceeded|Exceeded timeout of \d+ ?ms for a (test|hook)|panic: test timed out after|Tests? timed out|test (case )?timed out after|timed out waiting for test|TimeoutError: .*test|Test timeout of \d+ms exceeded/i,
    weight: 0.85,
    keywords: ['timeout of', 'exceeded timeout', 'timed out', 'timeouterror', 'test timeout'],
    examples: {
      match: [
        'Error: Timeout of 2000ms exceeded. For async tests and hooks, ensure "done()" is called',
        'panic: test timed out after 10m0s',
        'Tests timed out',
      ],
      noMatch: ['--timeout 2000'],
    },
  },
  {
    id: 'testing/crash',
    category: 'testing',
    subcategory: 'test-crash',
    pattern:
      /\bSegmentation fault( \(core dumped\))?( |$)|\bSIGSEGV\b|Termsig=\d+|core dumped|The forked VM terminated without|Test worker process has failed to exit|Jest did not exit|Fatal Python error/,
    weight: 0.6,
    keywords: ['segmentation fault', 'sigsegv', 'termsig=', 'core dumped', 'forked vm terminated', 'failed to exit', 'did not exit', 'fatal python error'],
    examples: {
      match: ['Segmentation fault (core dumped)', 'The forked VM terminated without properly saying goodbye. VM crash or System.exit called?'],
      noMatch: ['segment fault handler installed'],
    },
  },
  {
    id: 'testing/traceback',
    category: 'testing',
    subcategory: 'test-failure',
    // A bare exception: what failed is the code a test ran unless a better rule says otherwise.
    pattern: /^(\w+\.)*\w*(Error|Exception): \S|^Traceback \(most recent call last\):|^Caused by: \S|^Exception in thread /,
    weight: 0.45,
    keywords: ['error: ', 'exception: ', 'traceback', 'caused by: ', 'exception in thread'],
    examples: {
      match: ["TypeError: Cannot read properties of undefined (reading 'x')", 'Traceback (most recent call last):', 'java.lang.IllegalStateException: boom'],
      noMatch: ['  at Object.<anonymous> (a.js:1:1)', 'No errors: all good'],
    },
  },
];
