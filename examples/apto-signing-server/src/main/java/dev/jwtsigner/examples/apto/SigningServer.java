package dev.jwtsigner.examples.apto;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.keys.ReloadingKeySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Apto guide's {@code /sign} endpoint on the JDK's own HTTP server: {@code POST /sign} with a JSON body
 * (a create-user request, say) answers {@code {"token": "..."}}, the body signed as an RS256 JWT that the
 * app then sends to the Mobile API with {@code Content-Type: application/jwt}.
 *
 * <p>Callers authenticate with {@code Authorization: Bearer <SIGNER_BEARER_SECRET>}; the server answers 401
 * for a bad caller, 405 for another method, 415 for a body that is not {@code application/json}, 413 for a
 * body over the payload limit (read no further than one byte past it), and 400 with the broken rules for a
 * body the builder refuses. Logs never hold the secret, the body or the token.
 *
 * <p>Under load it holds to its {@link Limits}: signing runs on a pool sized for the machine, and a request
 * that finds its queue full gets {@code 503} with {@code Retry-After}; a request whose headers and body do not
 * arrive within the request time-out has its connection closed; connections beyond the cap are closed when
 * accepted; {@link #close()} (SIGTERM) finishes the requests in flight. {@code GET /health} (no credentials)
 * answers {@code {"status":"ok"}}, or {@code "degraded"} with the reason while a watched key file cannot serve
 * and the last good key signs.
 *
 * <pre>{@code
 * try (SigningServer server = SigningServer.start(ServerConfig.fromEnvironment(System.getenv()))) {
 *   System.out.println(server.uri().resolve("/sign"));
 * }
 * }</pre>
 */
public final class SigningServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SigningServer.class.getName());
  private static final String PATH = "/sign";
  private static final String HEALTH = "/health";
  /** How much of an oversized body is read and dropped so that its sender gets the 413 (beyond it: a reset). */
  private static final long MAX_DISCARDED_BYTES = 16L << 20;
  private static final String RETRY_AFTER_SECONDS = "1";

  private final HttpServer server;
  private final ExecutorService exchanges;
  private final ThreadPoolExecutor signers;
  private final SignedPayloadBuilder signer;
  private final ServerConfig config;
  private final byte[] secretDigest;
  private final int maxBodyBytes;
  private final AtomicInteger inFlight = new AtomicInteger();

  private SigningServer(HttpServer server, ExecutorService exchanges, ThreadPoolExecutor signers,
      SignedPayloadBuilder signer, ServerConfig config) {
    this.server = server;
    this.exchanges = exchanges;
    this.signers = signers;
    this.signer = signer;
    this.config = config;
    this.secretDigest = sha256(config.bearerSecret());
    this.maxBodyBytes = config.limits().maxBodyBytes();
  }

  /** Binds {@code config.address()} and starts serving. */
  public static SigningServer start(ServerConfig config) throws IOException {
    Limits limits = config.limits();
    JdkServerSettings.apply(limits);
    AptoPolicy policy = AptoPolicy.builder().maxPayloadBytes(limits.maxBodyBytes()).build();
    SignedPayloadBuilder signer = SignedPayloadBuilder.create(config.keys()).keyId(config.keyId()).policy(policy);
    HttpServer http = HttpServer.create(config.address(), 0);
    ExecutorService exchanges = JdkServerSettings.exchangePool(limits);
    SigningServer server = new SigningServer(http, exchanges, JdkServerSettings.signingPool(limits), signer, config);
    http.createContext("/", server::handle);
    http.setExecutor(exchanges);
    http.start();
    LOG.log(Level.INFO, "signing server listening on {0} with kid {1}, {2} signing threads", server.uri(),
        config.keyId(), limits.signerThreads());
    return server;
  }

  /** The server's base address, such as {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
  }

  /**
   * Stops accepting connections, lets the requests in flight finish (for up to the shutdown grace), then
   * stops the threads.
   */
  @Override
  public void close() {
    // The first stop closes the listener and waits for the exchanges, but JDK 17's server counts an exchange
    // that ended in an error (a client gone, a time-out) as running forever and would wait out the whole grace:
    // the requests in flight are counted here, and a second stop ends the wait once they are done.
    int grace = (int) config.limits().shutdownGrace().toSeconds();
    if (inFlight.get() == 0) {
      server.stop(0);
      stopPools();
      return;
    }
    Thread stopping = new Thread(() -> server.stop(grace), "signing-server-stop");
    stopping.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(grace);
    try {
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      server.stop(0);
      stopping.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopPools();
  }

  private void stopPools() {
    for (ExecutorService pool : List.of(signers, exchanges)) {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    LOG.log(Level.INFO, "signing server stopped");
  }

  /** Runs the server with the settings in the environment until the process is stopped (Ctrl-C, SIGTERM). */
  public static void main(String[] args) throws IOException, InterruptedException {
    ServerConfig config;
    try {
      config = ServerConfig.fromEnvironment(System.getenv());
    } catch (IllegalStateException e) {
      LOG.log(Level.ERROR, "cannot start: {0}", e.getMessage());
      System.exit(2);
      return;
    }
    SigningServer server = start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "signing-server-shutdown"));
    stopped.await();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    int status;
    inFlight.incrementAndGet();
    try (exchange) {
      status = respond(exchange);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "{0} {1} failed: {2}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          e.getClass().getSimpleName());
      throw e;
    } finally {
      inFlight.decrementAndGet();
    }
    // one line per request at DEBUG: at INFO the console handler's lock would cap the rate under load
    LOG.log(Level.DEBUG, "{0} {1} -> {2} in {3} ms", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        status, (System.nanoTime() - start) / 1_000_000);
  }

  private int respond(HttpExchange exchange) throws IOException {
    if (HEALTH.equals(exchange.getRequestURI().getPath()) && "GET".equals(exchange.getRequestMethod())) {
      return send(exchange, 200, health());
    }
    if (!PATH.equals(exchange.getRequestURI().getPath())) {
      return send(exchange, 404, error("not_found", "the only endpoint is POST /sign."));
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return send(exchange, 405, error("method_not_allowed", "use POST."));
    }
    if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      return send(exchange, 401, error("unauthorized", "send Authorization: Bearer <the signer's secret>."));
    }
    if (!isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
      return send(exchange, 415, error("unsupported_media_type", "send the body with Content-Type: application/json."));
    }
    byte[] body = readAtMost(exchange, maxBodyBytes);
    if (body == null) {
      // read (and drop) what the client is still sending, up to a bound: closing a socket with unread input
      // resets the connection, and the client would get a reset instead of this 413
      discard(exchange, MAX_DISCARDED_BYTES);
      exchange.getResponseHeaders().set("Connection", "close");
      return send(exchange, 413, error("payload_too_large", "the body is over " + maxBodyBytes + " bytes."));
    }
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return send(exchange, 400, rejected(List.of(Violation.of("payload", Rule.INVALID_UNICODE,
          "payload is not valid UTF-8.", "encode the JSON text as UTF-8."))));
    }
    Future<String> token;
    try {
      token = signers.submit(() -> signer.payload(json).sign());
    } catch (RejectedExecutionException e) {
      exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
      return send(exchange, 503, error("overloaded", "every signing thread is busy and the queue is full; retry"
          + " after " + RETRY_AFTER_SECONDS + " s."));
    }
    try {
      return send(exchange, 200, Map.of("token", token.get()));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TokenRejectedException rejected) {
        return send(exchange, 400, rejected(rejected.violations()));
      }
      LOG.log(Level.ERROR, "signing failed: {0}", e.getCause() instanceof JwtSignerException j
          ? j.reason() : e.getCause().getClass().getSimpleName());
      return send(exchange, 500, error("signing_failed", "the server could not sign; see its log."));
    } catch (InterruptedException e) {
      token.cancel(true);
      Thread.currentThread().interrupt();
      exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
      return send(exchange, 503, error("shutting_down", "the server is stopping; retry on another instance."));
    }
  }

  /** {@code ok}, or {@code degraded} with the reason while a watched key file cannot serve (the last good key signs). */
  private Map<String, Object> health() {
    Map<String, Object> m = new LinkedHashMap<>();
    config.keys().signingKey(); // a watched file is checked here too (at most once per reload interval)
    if (config.keys() instanceof ReloadingKeySource reloading && reloading.lastError().isPresent()) {
      m.put("status", "degraded");
      m.put("key", "the key file cannot serve (" + reloading.lastError().get().reason()
          + "); the last good key signs.");
    } else {
      m.put("status", "ok");
    }
    return m;
  }

  /** Compares SHA-256 digests in constant time, so neither the secret's content nor its length leaks. */
  private boolean authorized(String header) {
    String prefix = "Bearer ";
    if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return false;
    }
    byte[] given = header.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(sha256(given), secretDigest);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].trim().equals("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].trim().split("=", 2);
      if (param[0].equals("charset") && (param.length < 2 || !param[1].replace("\"", "").equals("utf-8"))) {
        return false;
      }
    }
    return true;
  }

  /** Reads and drops at most {@code max} more bytes of the request body. */
  private static void discard(HttpExchange exchange, long max) throws IOException {
    InputStream in = exchange.getRequestBody();
    byte[] buffer = new byte[64 * 1024];
    long left = max;
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }

  /** The body, or null when it is longer than {@code limit}: never reads more than limit + 1 bytes. */
  private static byte[] readAtMost(HttpExchange exchange, int limit) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          return null;
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    // not closed here: closing drains at most 64 KiB and then drops the connection, and a chunked body over
    // the limit must still be discarded so that its sender reads the 413
    byte[] body = exchange.getRequestBody().readNBytes(limit + 1);
    return body.length > limit ? null : body;
  }

  private static Map<String, Object> error(String code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", code);
    m.put("message", message);
    return m;
  }

  /** The broken rules: each violation's field, rule, message and fix, which never hold a value. */
  private static Map<String, Object> rejected(List<Violation> violations) {
    Map<String, Object> m = error("payload_rejected", "the body breaks the signed-payload rules; nothing was signed.");
    m.put("violations", violations.stream().map(v -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("field", v.field());
      item.put("rule", v.rule().name());
      item.put("message", v.message());
      item.put("fix", v.fix());
      return item;
    }).toList());
    return m;
  }

  private static int send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
    byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
