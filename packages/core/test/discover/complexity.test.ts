import { describe, expect, it } from '@jest/globals';
import { describeComplexity, estimateComplexity } from '../../src/discover/complexity.js';
import { languageFamily, tokenize } from '../../src/discover/lexer.js';

/**
 * For each family: a function of nested branches and a flat list of entries (a registration table,
 * as in a Go `defaults.go`) with the same number of lines. The nested one must rank higher.
 */
const CASES: Record<string, { path: string; nested: string; flat: string }> = {
  'c-like (TypeScript)': {
    path: 'src/a.ts',
    nested: `export function route(req: Req): string {
  if (req.user) {
    for (const r of req.roles) {
      if (r.admin && r.active) {
        while (r.pending) {
          r.pending = r.next ? r.next() : null;
        }
      }
    }
  }
  return 'ok';
}
`,
    flat: `export const defaults = {
  alpha: 1,
  beta: 2,
  gamma: 3,
  delta: 4,
  epsilon: 5,
  zeta: 6,
  eta: 7,
  theta: 8,
  iota: 9,
  kappa: 10,
};
`,
  },
  'c-like (Java)': {
    path: 'src/main/java/A.java',
    nested: `class A {
  int f(int x) throws Exception {
    try {
      if (x > 0) {
        for (int i = 0; i < x; i++) {
          if (i % 2 == 0 || i > 7) { x--; }
        }
      }
    } catch (Exception e) { x = 0; }
    return x;
  }
}
`,
    flat: `class A {
  static void register(Registry r) {
    r.add("alpha", 1);
    r.add("beta", 2);
    r.add("gamma", 3);
    r.add("delta", 4);
    r.add("epsilon", 5);
    r.add("zeta", 6);
    r.add("eta", 7);
    r.add("theta", 8);
  }
}
`,
  },
  Go: {
    path: 'pkg/a.go',
    nested: `package a

func (s *Server) Handle(x int) int {
	if x > 0 {
		for i := 0; i < x; i++ {
			switch {
			case i > 2 && i < 9:
				if i%2 == 0 {
					x--
				}
			}
		}
	}
	return x
}
`,
    flat: `package a

var defaults = map[string]int{
	"alpha":   1,
	"beta":    2,
	"gamma":   3,
	"delta":   4,
	"epsilon": 5,
	"zeta":    6,
	"eta":     7,
	"theta":   8,
	"iota":    9,
	"kappa":   10,
	"lambda":  11,
}
`,
  },
  Rust: {
    path: 'src/lib.rs',
    nested: `fn walk<'a>(items: &'a [Item]) -> u32 {
    let mut n = 0;
    for it in items {
        if it.live {
            match it.kind {
                Kind::A => { if it.big && it.new { n += 2; } }
                _ => n += 1,
            }
        }
    }
    n
}
`,
    flat: `pub const TABLE: [(&str, u32); 10] = [
    ("alpha", 1),
    ("beta", 2),
    ("gamma", 3),
    ("delta", 4),
    ("epsilon", 5),
    ("zeta", 6),
    ("eta", 7),
    ("theta", 8),
    ("iota", 9),
    ("kappa", 10),
];
`,
  },
  'JVM (Kotlin)': {
    path: 'src/main/kotlin/A.kt',
    nested: `fun score(x: Int?): Int {
    var n = x ?: 0
    if (n > 0) {
        for (i in 0..n) {
            when {
                i > 3 && i < 9 -> n--
            }
            while (n > 100) { n /= 2 }
        }
    }
    return n
}
`,
    flat: `val defaults = mapOf(
    "alpha" to 1,
    "beta" to 2,
    "gamma" to 3,
    "delta" to 4,
    "epsilon" to 5,
    "zeta" to 6,
    "eta" to 7,
    "theta" to 8,
    "iota" to 9,
    "kappa" to 10,
)
`,
  },
  Python: {
    path: 'pkg/a.py',
    nested: `def handle(req):
    if req.user:
        for role in req.roles:
            if role.admin and role.active:
                while role.pending:
                    try:
                        role.step()
                    except ValueError:
                        pass
    return "ok"
`,
    flat: `DEFAULTS = {
    "alpha": 1,
    "beta": 2,
    "gamma": 3,
    "delta": 4,
    "epsilon": 5,
    "zeta": 6,
    "eta": 7,
    "theta": 8,
}
`,
  },
  Ruby: {
    path: 'lib/a.rb',
    nested: `def handle(req)
  if req.user
    req.roles.each do |role|
      unless role.empty?
        while role.pending?
          role.step rescue nil
        end
      end
    end
  end
end
`,
    flat: `DEFAULTS = {
  alpha: 1,
  beta: 2,
  gamma: 3,
  delta: 4,
  epsilon: 5,
  zeta: 6,
  eta: 7,
  theta: 8,
  iota: 9,
}
`,
  },
  shell: {
    path: 'scripts/a.sh',
    nested: `deploy() {
  if [ -n "$1" ]; then
    for f in "$@"; do
      case "$f" in
        *.tar) if [ -s "$f" ] && [ -r "$f" ]; then echo "$f"; fi ;;
        *) echo skip ;;
      esac
    done
  fi
}
`,
    flat: `export ALPHA=1
export BETA=2
export GAMMA=3
export DELTA=4
export EPSILON=5
export ZETA=6
export ETA=7
export THETA=8
export IOTA=9
export KAPPA=10
`,
  },
};

describe('complexity from decision points', () => {
  for (const [family, { path, nested, flat }] of Object.entries(CASES)) {
    it(`${family}: nested branches outrank a flat list of the same length`, () => {
      expect(nested.split('\n').length).toBe(flat.split('\n').length);
      const n = estimateComplexity(nested, path);
      const f = estimateComplexity(flat, path);
      expect(n.family).toBe(languageFamily(path));
      expect(f.score).toBe(0);
      expect(n.score).toBeGreaterThan(f.score);
      expect(n.decisions).toBeGreaterThanOrEqual(4);
      // Nesting weighs: the same decisions laid out flat score less.
      expect(n.score).toBeGreaterThan(n.decisions);
      expect(n.worst?.nesting).toBeGreaterThanOrEqual(2);
    });
  }

  it('names the most complex function, per language', () => {
    expect(estimateComplexity(CASES.Go?.nested ?? '', 'a.go').worst?.name).toBe('Handle');
    expect(estimateComplexity(CASES.Python?.nested ?? '', 'a.py').worst?.name).toBe('handle');
    expect(estimateComplexity(CASES['c-like (Java)']?.nested ?? '', 'A.java').worst).toMatchObject({ name: 'f', cyclomatic: 6 });
    expect(estimateComplexity(CASES.Rust?.nested ?? '', 'a.rs').worst?.name).toBe('walk');
    expect(estimateComplexity(CASES.shell?.nested ?? '', 'a.sh').worst?.name).toBe('deploy');
    expect(estimateComplexity(CASES['JVM (Kotlin)']?.nested ?? '', 'a.kt').worst?.name).toBe('score');
    expect(estimateComplexity('const f = async (a) => {\n  if (a) { return 1; }\n};\n', 'a.js').worst?.name).toBe('f');
  });

  it('skips comments and strings', () => {
    const text = '// if (a && b) while\n/* for (;;) { if } */\nconst s = "if (x || y) ? a : b";\nconst t = `case ${"{"}`;\n';
    expect(estimateComplexity(text, 'a.ts').decisions).toBe(0);
    expect(estimateComplexity('# if a and b\nx = """\nif y or z:\n"""\n', 'a.py').decisions).toBe(0);
    expect(estimateComplexity('echo "$# if" # if && ||\n', 'a.sh').decisions).toBe(0);
    expect(estimateComplexity("fn f<'a>(x: &'a str) -> char { 'x' }\n", 'a.rs').decisions).toBe(0);
  });

  it('does not take TypeScript optional marks and chaining for ternaries', () => {
    expect(estimateComplexity('function f(a?: number, b?: T): void { g?.(a); const c = a ?? 1; }\n', 'a.ts').decisions).toBe(1);
    expect(estimateComplexity('List<?> xs = a ? b : c;\n', 'A.java').decisions).toBe(1);
  });

  it('counts no decisions for a language without a tokenizer, and says so', () => {
    const c = estimateComplexity('if x then y end\n', 'a.unknownlang');
    expect(c).toMatchObject({ lines: 1, decisions: 0, score: 0 });
    expect(describeComplexity(c)).toMatch(/no tokenizer/);
    expect(describeComplexity(estimateComplexity(CASES.Go?.nested ?? '', 'a.go'))).toMatch(/most complex function Handle \(line 3\): cyclomatic 6/);
  });

  it('keeps line numbers through multi-line strings and comments', () => {
    const tokens = tokenize('a = """x\ny"""\n# c\nif b:\n  pass\n', 'python');
    expect(tokens.find((t) => t.text === 'if')?.line).toBe(4);
  });
});
