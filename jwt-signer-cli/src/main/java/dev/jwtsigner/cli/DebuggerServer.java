package dev.jwtsigner.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.cli.Options.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * The debugger page's server: the JDK's HTTP server bound to 127.0.0.1 only. It serves one page with its
 * script and style sheet, and {@code POST /api/check}, which explains a token with {@link TokenReport} (the
 * library's verifiers: the page holds no copy of the rules). It answers only loopback peers whose
 * {@code Host} (and {@code Origin}, when sent) name this server, so a web page elsewhere cannot reach it by
 * DNS rebinding, and it logs nothing of what it is sent.
 */
final class DebuggerServer implements AutoCloseable {

  static final int MAX_REQUEST_BYTES = 256 * 1024;
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
      + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final Map<String, String> STATIC = Map.of(
      "/", "index.html", "/index.html", "index.html", "/debugger.js", "debugger.js", "/debugger.css", "debugger.css");

  private final HttpServer server;
  private final InstantSource clock;
  private final Set<String> hosts;
  private final Set<String> origins;

  private DebuggerServer(HttpServer server, InstantSource clock) {
    this.server = server;
    this.clock = clock;
    int port = server.getAddress().getPort();
    this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
    this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
  }

  /** Starts on 127.0.0.1:{@code port} ({@code 0}: a free port). */
  static DebuggerServer start(int port, InstantSource clock) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    DebuggerServer s = new DebuggerServer(http, clock);
    http.createContext("/", s::handle);
    http.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "jwt-signer-debugger");
      t.setDaemon(true);
      return t;
    }));
    http.start();
    return s;
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String refusal = refusal(ex);
      if (refusal != null) {
        send(ex, 403, "text/plain; charset=utf-8", refusal + "\n");
        return;
      }
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if ("/api/check".equals(path)) {
        if (!"POST".equals(method)) {
          send(ex, 405, "text/plain; charset=utf-8", "use POST\n");
          return;
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
          send(ex, 415, "text/plain; charset=utf-8", "send application/json\n");
          return;
        }
        byte[] body = readAtMost(ex.getRequestBody());
        if (body == null) {
          send(ex, 413, "text/plain; charset=utf-8", "the request is larger than " + MAX_REQUEST_BYTES + " bytes\n");
          return;
        }
        Map<String, Object> answer = check(new String(body, StandardCharsets.UTF_8));
        send(ex, answer.containsKey("badRequest") ? 400 : 200, "application/json", Json.pretty(answer));
        return;
      }
      if ("/favicon.ico".equals(path)) { // the page has no icon; say so without an error in the browser's console
        ex.sendResponseHeaders(204, -1);
        return;
      }
      String resource = STATIC.get(path);
      if (resource == null || !("GET".equals(method) || "HEAD".equals(method))) {
        send(ex, resource == null ? 404 : 405, "text/plain; charset=utf-8", resource == null ? "not found\n" : "use GET\n");
        return;
      }
      try (InputStream in = DebuggerServer.class.getResourceAsStream("debugger/" + resource)) {
        String type = resource.endsWith(".html") ? "text/html; charset=utf-8"
            : resource.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        send(ex, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  /** Why this request is refused, or null: a peer off this machine, a foreign Host, a foreign Origin. */
  String refusal(HttpExchange ex) {
    InetAddress peer = ex.getRemoteAddress().getAddress();
    return refusal(peer, ex.getRequestHeaders().getFirst("Host"), ex.getRequestHeaders().getFirst("Origin"));
  }

  String refusal(InetAddress peer, String host, String origin) {
    if (peer == null || !peer.isLoopbackAddress()) {
      return "refused: the debugger answers this machine only (loopback)";
    }
    if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
      return "refused: the Host header does not name this server (" + String.join(" or ", hosts) + ")";
    }
    if (origin != null && !origins.contains(origin.toLowerCase(java.util.Locale.ROOT))) {
      return "refused: the Origin is not this server's page";
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> check(String body) {
    Map<String, Object> request = Json.parseObject(body);
    if (request == null) {
      return error("badRequest", "the request is not a JSON object");
    }
    String token = text(request.get("token"));
    if (token.isBlank()) {
      return error("badRequest", "paste a token");
    }
    try {
      Platform platform = "apto".equals(request.get("platform")) ? Platform.apto : Platform.atomic;
      AtomicPolicy.Builder atomic = AtomicPolicy.builder();
      String max = text(request.get("maxExpiry"));
      if (!max.isBlank()) {
        atomic.maxTokenExpiry(Durations.parse(max));
      }
      List<String> issuers = list(request.get("allowedIssuers"));
      if (!issuers.isEmpty()) {
        atomic.allowedIssuers(issuers.toArray(String[]::new));
      }
      List<String> userIdClaims = list(request.get("userIdClaims"));
      if (!userIdClaims.isEmpty()) {
        atomic.userIdClaims(userIdClaims.toArray(String[]::new));
      }
      String at = text(request.get("at"));
      InstantSource now = at.isBlank() ? clock : InstantSource.fixed(Instant.parse(at));
      List<TokenReport.Trust> trust = new ArrayList<>();
      String key = text(request.get("trust"));
      if (!key.isBlank()) {
        String kid = text(request.get("kid"));
        trust.add(new TokenReport.Trust(kid.isBlank() ? null : kid, key));
      }
      return new TokenReport(platform, atomic.build(), dev.jwtsigner.apto.AptoPolicy.builder(), trust, now).explain(token);
    } catch (JwtSignerException e) {
      Map<String, Object> m = error("error", Errors.headline(e));
      m.put("reason", e.reason().name());
      m.put("violations", Errors.violations(e.violations()));
      return m;
    } catch (picocli.CommandLine.TypeConversionException | DateTimeParseException e) {
      return error("badRequest", "a setting is not valid: " + (e instanceof DateTimeParseException
          ? "'now' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z" : e.getMessage()));
    }
  }

  private static Map<String, Object> error(String kind, String message) {
    Map<String, Object> m = Json.object();
    m.put(kind, true);
    m.put("message", message);
    return m;
  }

  private static String text(Object value) {
    return value instanceof String s ? s : "";
  }

  private static List<String> list(Object value) {
    return Arrays.stream(text(value).split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
  }

  private static byte[] readAtMost(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
    return bytes.length > MAX_REQUEST_BYTES ? null : bytes;
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cache-Control", "no-store");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
