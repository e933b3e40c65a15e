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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Apto guide's {@code /sign} endpoint on the JDK's own HTTP server: {@code POST /sign} with a JSON body
 * (a create-user request, say) answers {@code {"token": "..."}}, the body signed as an RS256 JWT that the
 * app then sends to the Mobile API with {@code Content-Type: application/jwt}.
 *
 * <p>Callers authenticate with {@code Authorization: Bearer <SIGNER_BEARER_SECRET>}; the server answers 401
 * for a bad caller, 405 for another method, 415 for a body that is not {@code application/json}, 413 for a
 * body over the payload limit (read no further than one byte past it), and 400 with the broken rules for a
 * body the builder refuses. Logs never hold the secret, the body or the token.
 */
public final class SigningServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SigningServer.class.getName());
  private static final String PATH = "/sign";
  private static final int STOP_DELAY_SECONDS = 1;

  private final HttpServer server;
  private final ExecutorService workers;
  private final SignedPayloadBuilder signer;
  private final byte[] secretDigest;
  private final int maxBodyBytes;

  private SigningServer(HttpServer server, ExecutorService workers, SignedPayloadBuilder signer, byte[] secret,
      int maxBodyBytes) {
    this.server = server;
    this.workers = workers;
    this.signer = signer;
    this.secretDigest = sha256(secret);
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Binds {@code config.address()} and starts serving. */
  public static SigningServer start(ServerConfig config) throws IOException {
    AptoPolicy policy = AptoPolicy.defaults();
    SignedPayloadBuilder signer = SignedPayloadBuilder.create(config.keys()).keyId(config.keyId()).policy(policy);
    HttpServer http = HttpServer.create(config.address(), 0);
    ExecutorService workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
    SigningServer server = new SigningServer(http, workers, signer, config.bearerSecret(), policy.maxPayloadBytes());
    http.createContext("/", server::handle);
    http.setExecutor(workers);
    http.start();
    LOG.log(Level.INFO, "signing server listening on {0} with kid {1}", server.uri(), config.keyId());
    return server;
  }

  /** The server's base address, such as {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
  }

  /** Stops accepting requests, lets running ones finish for up to a second, and stops the workers. */
  @Override
  public void close() {
    server.stop(STOP_DELAY_SECONDS);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
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
    try (exchange) {
      status = respond(exchange);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "{0} {1} failed: {2}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          e.getClass().getSimpleName());
      throw e;
    }
    LOG.log(Level.INFO, "{0} {1} -> {2} in {3} ms", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        status, (System.nanoTime() - start) / 1_000_000);
  }

  private int respond(HttpExchange exchange) throws IOException {
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
    try {
      return send(exchange, 200, Map.of("token", signer.payload(json).sign()));
    } catch (TokenRejectedException e) {
      return send(exchange, 400, rejected(e.violations()));
    } catch (JwtSignerException e) {
      LOG.log(Level.ERROR, "signing failed: {0}", e.reason());
      return send(exchange, 500, error("signing_failed", "the server could not sign; see its log."));
    }
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
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      return body.length > limit ? null : body;
    }
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
