import type { ClassifyRule } from '../rule.js';

/**
 * Network failures in the words of the tools' own error catalogues, beyond the generic socket errors in
 * infrastructure.ts. All transient: the scanner drops the flag inside a test's own failure.
 */
export const networkCatalogueRules: ClassifyRule[] = [
  {
    // curl's exit codes (curl.se/libcurl/c/libcurl-errors.html; `man curl`, EXIT CODES), as curl and
    // git (which prints curl's error after `fatal: unable to access '…':`) word them: 16 HTTP/2, 18
    // partial file, 28 timeout, 35 SSL connect error, 52 empty reply, 55/56 send/recv failure.
    id: 'infrastructure/curl-transfer',
    category: 'infrastructure',
    subcategory: 'network',
    pattern:
      /Empty reply from server|SSL connect error|Failure when receiving data from the peer|Failed sending data to the peer|Recv failure: |Send failure: |transfer closed with (\d+ bytes|outstanding read data) remaining|HTTP\/2 stream \d+ was not closed cleanly|Error in the HTTP2 framing layer|Operation timed out after \d+ milliseconds|Connection timed out after \d+ milliseconds|Resolving timed out after \d+ milliseconds|GnuTLS recv error \(-?\d+\)/i,
    weight: 0.85,
    keywords: [
      'empty reply',
      'ssl connect error',
      'failure when receiving',
      'failed sending',
      'recv failure',
      'send failure',
      'transfer closed',
      'http/2 stream',
      'http2 framing',
      'timed out after',
      'gnutls recv error',
    ],
    transient: true,
    examples: {
      match: [
        'curl: (52) Empty reply from server',
        'curl: (35) SSL connect error',
        "fatal: unable to access 'https://github.com/o/r.git/': Empty reply from server",
        'curl: (56) Recv failure: Connection reset by peer',
        'curl: (18) transfer closed with 1234 bytes remaining to read',
        'curl: (28) Operation timed out after 30001 milliseconds with 0 out of 0 bytes received',
        'curl: (16) HTTP/2 stream 1 was not closed cleanly: INTERNAL_ERROR (err 2)',
        "fatal: unable to access 'https://x/': GnuTLS recv error (-110): The TLS connection was non-properly terminated.",
      ],
      noMatch: ['curl: (22) The requested URL returned error: 404', 'Received 200 OK from server'],
    },
  },
  {
    // OpenSSL's handshake alerts and errors (openssl.org/docs/man3.0/man3/ERR_error_string.html:
    // `error:<code>:<library>:<function>:<reason>`; alert names from RFC 8446 §6), and Java's JSSE
    // SSLHandshakeException / SSLException wording.
    id: 'infrastructure/tls-handshake',
    category: 'infrastructure',
    subcategory: 'network',
    pattern:
      /SSL routines[:\w ]*:(sslv3|tlsv1[\w.]*) alert (handshake failure|internal error|protocol version)|SSL routines[:\w ]*:unexpected eof while reading|\bSSL_connect\b.*(SSL_ERROR_SYSCALL|Connection reset|errno)|SSLHandshakeException: (Remote host (terminated|closed) the handshake|Received fatal alert)|SSLException: (Connection reset|Read timed out)|handshake failed.*(EOF|reset|timeout)/i,
    weight: 0.8,
    keywords: ['ssl routines', 'ssl_connect', 'sslhandshakeexception', 'sslexception', 'handshake failed'],
    transient: true,
    examples: {
      match: [
        'error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure',
        'error:0A000126:SSL routines::unexpected eof while reading',
        'OpenSSL SSL_connect: Connection reset by peer in connection to github.com:443',
        'javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake',
      ],
      noMatch: ['error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed', 'TLS handshake completed'],
    },
  },
  {
    // HTTP clients that could not open a connection: Java's java.net exceptions (ConnectException,
    // NoRouteToHostException, UnknownHostException, SocketTimeoutException), Apache HttpClient's
    // HttpHostConnectException, and the "could not create/establish connection to host:port" wording.
    id: 'infrastructure/client-connect',
    category: 'infrastructure',
    subcategory: 'network',
    pattern:
      /could not (create|establish|open) (a )?connection to \S+|java\.net\.(ConnectException|NoRouteToHostException|UnknownHostException|SocketTimeoutException|SocketException: (Connection reset|Broken pipe))|HttpHostConnectException|NoHttpResponseException|kex_exchange_identification: (Connection closed|read: Connection reset)/i,
    weight: 0.8,
    keywords: [
      'could not create',
      'could not establish',
      'could not open',
      'java.net.',
      'httphostconnectexception',
      'nohttpresponseexception',
      'kex_exchange_identification',
    ],
    transient: true,
    examples: {
      match: [
        'Could not create connection to repo.example.org:443',
        'java.net.UnknownHostException: repo.maven.apache.org',
        'org.apache.http.conn.HttpHostConnectException: Connect to repo1.maven.org:443 failed',
        'kex_exchange_identification: Connection closed by remote host',
      ],
      noMatch: ['Created connection pool to db:5432', 'java.net.URI parsed'],
    },
  },
  {
    // Karma's own messages when a captured browser stops talking (karma-runner/karma lib/browser.js,
    // lib/launchers/capture_timeout.js, lib/executor.js): a remote or headless browser that went away.
    id: 'infrastructure/browser-disconnect',
    category: 'infrastructure',
    subcategory: 'browser-disconnect',
    pattern:
      /Disconnected,? because no message in \d+ ms|Disconnected \(\d+ times?\)|have not captured in \d+ ms, killing|failed \d+ times? \(timeout\)\. Giving up|No captured browser, open https?:|Browser .* (disconnect|crashed)|reconnect failed before timeout/i,
    weight: 0.8,
    keywords: ['disconnected', 'have not captured', 'giving up', 'no captured browser', 'browser', 'reconnect failed'],
    transient: true,
    examples: {
      match: [
        'HeadlessChrome 79.0.3945 (Linux 0.0.0) ERROR Disconnected, because no message in 30000 ms.',
        'WARN [Chrome 123.0.0.0 (Windows 10)]: Disconnected (3 times) reconnect failed before timeout of 2000ms (transport close)',
        'WARN [launcher]: ChromeHeadless have not captured in 60000 ms, killing.',
        'ERROR [launcher]: ChromeHeadless failed 2 times (timeout). Giving up.',
      ],
      noMatch: ['Executed 12 of 12 SUCCESS (0.3 secs / 0.2 secs)', 'Connected on socket abc with id 123'],
    },
  },
  {
    // Package registries answering 5xx or dropping the connection, per their clients' documented codes:
    // npm (docs.npmjs.com/common-errors: E500/E502/E503/E504), pip (urllib3's
    // ReadTimeoutError / ProtocolError), Gradle ("Received status code 5xx from server").
    id: 'infrastructure/registry-5xx',
    category: 'infrastructure',
    subcategory: 'registry-outage',
    pattern:
      /npm ERR! code (E50[0234]|ECONNABORTED|ERR_SOCKET_TIMEOUT)\b|ReadTimeoutError\(?"?HTTPSConnectionPool|urllib3\.exceptions\.(ReadTimeoutError|ProtocolError)|Received status code 5\d\d from server|Could not (GET|HEAD) '[^']+'\. Received status code 5\d\d/i,
    weight: 0.85,
    keywords: ['npm err!', 'readtimeouterror', 'urllib3.exceptions', 'received status code 5'],
    transient: true,
    examples: {
      match: [
        'npm ERR! code E503',
        "pip._vendor.urllib3.exceptions.ReadTimeoutError: HTTPSConnectionPool(host='files.pythonhosted.org', port=443): Read timed out.",
        "Could not GET 'https://repo.maven.apache.org/maven2/x.pom'. Received status code 502 from server: Bad Gateway",
      ],
      noMatch: ['npm ERR! code E404', 'npm ERR! code ELIFECYCLE'],
    },
  },
];
