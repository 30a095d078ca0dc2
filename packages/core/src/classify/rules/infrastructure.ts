import type { ClassifyRule } from '../rule.js';

/**
 * The runner, the network or a service failed, not the code. These are the transient rules: the
 * scanner drops their transient flag when the line sits inside a test's own failure or stack trace.
 */
export const infrastructureRules: ClassifyRule[] = [
  {
    id: 'infrastructure/network',
    category: 'infrastructure',
    subcategory: 'network',
    pattern: /\bECONNREFUSED\b|\bECONNRESET\b|\bETIMEDOUT\b|\bEAI_AGAIN\b|\bENOTFOUND\b|Connection refused|Connection reset by peer|connection reset|Connection timed out|Connect(ion)? timeout|Could not resolve host|Temporary failure in name resolution|Name or service not known|getaddrinfo|Network is unreachable|network error|socket hang up|TLS handshake timeout|i\/o timeout|Couldn't establish HTTP connection|Failed to connect to \S+ port \d+|SSL_ERROR_SYSCALL|RPC failed; (curl|HTTP)|early EOF|The remote end hung up unexpectedly|unexpected EOF|Read timed out|connect timed out|Could not transfer artifact .* (Connection|timed out|reset|Remote host terminated)|dial tcp .*: (i\/o timeout|connection refused|no such host)|read tcp .*: (connection reset|i\/o timeout)|Failed to establish a new connection|Max retries exceeded with url|Remote host terminated the handshake|gnutls_handshake\(\) failed|curl: \(\d+\) (Failed to connect|Could not resolve|Operation timed out|Recv failure|OpenSSL)/i,
    weight: 0.85,
    keywords: ['econnrefused', 'econnreset', 'etimedout', 'eai_again', 'enotfound', 'connection', 'could not resolve host', 'name resolution', 'name or service not known', 'getaddrinfo', 'network', 'socket hang up', 'tls handshake timeout', 'i/o timeout', 'failed to connect', 'ssl_error_syscall', 'rpc failed', 'early eof', 'hung up unexpectedly', 'unexpected eof', 'timed out', 'could not transfer artifact', 'dial tcp', 'read tcp', 'max retries exceeded', 'remote host terminated', 'gnutls_handshake', 'curl: ('],
    transient: true,
    examples: {
      match: ['npm ERR! code ECONNRESET', 'curl: (7) Failed to connect to example.com port 443: Connection refused', 'fatal: unable to access \'https://github.com/a/b/\': Could not resolve host: github.com', 'go: downloading x: Get "https://proxy.golang.org/x.zip": read tcp 10.1.0.82:5277->1.2.3.4:443: read: connection reset by peer'],
      noMatch: ['Connection established', 'retrying connection pool warmup'],
    },
  },
  {
    id: 'infrastructure/service-unavailable',
    category: 'infrastructure',
    subcategory: 'service-outage',
    pattern: /\b(502 Bad Gateway|503 Service (Temporarily )?Unavailable|504 Gateway Time-?out|500 Internal Server Error)\b|returned error: 5\d\d|(status|status code|HTTP|response code):? 50[0234]\b|Service Unavailable|unexpected status( code)?:? 5\d\d/i,
    weight: 0.8,
    keywords: ['502 bad gateway', '503 service', '504 gateway', '500 internal server error', 'returned error: 5', 'status 50', 'status: 50', 'code 50', 'code: 50', 'http 50', 'http: 50', 'service unavailable', 'unexpected status'],
    transient: true,
    examples: {
      match: ["fatal: unable to access 'https://github.com/a/b/': The requested URL returned error: 503", 'Received HTTP code 502 Bad Gateway from proxy', 'TransportException: https://github.com/a/b.git: 503 Service Unavailable'],
      noMatch: ['HTTP 200 OK', 'status: 500ms'],
    },
  },
  {
    id: 'infrastructure/rate-limit',
    category: 'infrastructure',
    subcategory: 'rate-limit',
    pattern: /API rate limit exceeded|secondary rate limit|429 Too Many Requests|\btoomanyrequests\b|You have reached your pull rate limit|rate limit(ed)? (exceeded|reached)|HTTP 429\b|status code 429/i,
    weight: 0.9,
    keywords: ['rate limit', '429', 'toomanyrequests'],
    transient: true,
    examples: {
      match: ['API rate limit exceeded for installation ID 123.', 'toomanyrequests: You have reached your pull rate limit.', 'HTTP 429 Too Many Requests'],
      noMatch: ['rate limit: 5000 remaining'],
    },
  },
  {
    id: 'infrastructure/runner-lost',
    category: 'infrastructure',
    subcategory: 'runner-lost',
    pattern: /The runner has received a shutdown signal|lost communication with the server|The hosted runner encountered an error|The self-hosted runner: .* lost|Runner .* (did not respond|is offline)|hudson\.remoting\.(Channel\$OrderlyShutdown|ChannelClosedException|RequestAbortedException)|Agent went offline|agent .* (disconnected|lost)|The operation was canceled\.$|Received request to deprovision/i,
    weight: 0.9,
    keywords: ['shutdown signal', 'lost communication', 'hosted runner encountered an error', 'self-hosted runner', 'did not respond', 'is offline', 'hudson.remoting', 'went offline', 'disconnected', 'lost', 'the operation was canceled', 'deprovision'],
    transient: true,
    examples: {
      match: ['##[error]The runner has received a shutdown signal. This can happen when the runner service is stopped.', 'The job was not acquired by Runner of type hosted even after multiple attempts. Runner GitHub Actions 2 did not respond', 'FATAL: hudson.remoting.Channel$OrderlyShutdown: Command Close created at'],
      noMatch: ['shutdown the test server', 'runner started'],
    },
  },
  {
    id: 'infrastructure/registry-fetch',
    category: 'infrastructure',
    subcategory: 'registry',
    pattern: /failed to copy: httpReadSeeker|could not fetch content descriptor|error pulling image configuration|failed to (fetch|download) .*blob|net\/http: request canceled|unexpected status from \w+ request to .* 5\d\d|Error response from daemon: (Get|Head) .*(timeout|Service Unavailable|i\/o timeout)|failed to do request: Head|Client\.Timeout exceeded/i,
    weight: 0.85,
    keywords: ['httpreadseeker', 'could not fetch content descriptor', 'error pulling image configuration', 'failed to fetch', 'failed to download', 'request canceled', 'unexpected status from', 'error response from daemon', 'failed to do request', 'client.timeout exceeded'],
    transient: true,
    examples: {
      match: ['#6 ERROR: failed to copy: httpReadSeeker: failed open: could not fetch content descriptor sha256:abc', 'Error response from daemon: Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection'],
      noMatch: ['pulled image configuration'],
    },
  },
  {
    id: 'infrastructure/vcs-fetch',
    category: 'infrastructure',
    subcategory: 'vcs',
    pattern: /Error cloning remote repo|Error fetching remote repo|Could not (fetch|checkout) [0-9a-f]{7,}|hudson\.plugins\.git\.GitException|fatal: unable to access '[^']+': |fatal: could not read from remote repository/i,
    weight: 0.7,
    keywords: ['error cloning remote repo', 'error fetching remote repo', 'could not fetch', 'could not checkout', 'gitexception', 'unable to access', 'could not read from remote'],
    transient: true,
    examples: {
      match: ["ERROR: Error cloning remote repo 'origin'", "fatal: unable to access 'https://github.com/a/b.git/': gnutls_handshake() failed"],
      noMatch: ['Cloning into x...'],
    },
  },
  {
    id: 'infrastructure/vcs-ref-missing',
    category: 'infrastructure',
    subcategory: 'vcs-ref-missing',
    pattern: /Remote branch \S+ not found in upstream|couldn't find remote ref|Could not find remote branch|reference is not a tree|fatal: Couldn't find remote ref/i,
    weight: 0.9,
    keywords: ['not found in upstream', 'couldn\'t find remote ref', 'could not find remote branch', 'reference is not a tree'],
    examples: { match: ['fatal: Remote branch topic not found in upstream origin', 'fatal: couldn\'t find remote ref refs/heads/gone'], noMatch: ['Switched to branch main'] },
  },
];
