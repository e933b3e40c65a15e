package dev.jwtsigner.testkit;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A local stand-in for an Apto-style Mobile API's create-user endpoint, on a real HTTP server (the JDK's
 * own) bound to a free loopback port: {@code POST /v1/user} with {@code Content-Type: application/jwt}
 * and a signed payload as the body, checked by a {@link SignedPayloadVerifier}.
 *
 * <pre>{@code
 * try (FakeAptoMobileApi api = FakeAptoMobileApi.start(SignedPayloadVerifier.create().trust("key_1", publicKey))) {
 *   HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.baseUri().resolve("/v1/user"))
 *       .header("Content-Type", "application/jwt").POST(BodyPublishers.ofString(token)).build(), ofString());
 *   assertThat(r.statusCode()).isEqualTo(200);
 *   assertThat(api.requests()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>It checks the request in the platform's order: the path and method, {@code Content-Type:
 * application/jwt}, the size, the signature under a registered kid (and the other rules of the
 * {@link SignedPayloadVerifier}), then the body's structure: {@code data_points} with {@code "type": "list"}
 * and a {@code data} array of objects, each with a known {@code type} (phone, email, name, address,
 * birthdate, id_document) and that type's fields. Documented by the vendor's guide: the content type, the
 * RS256 signature whose {@code kid} picks one of at most two registered keys, the list shape and the six
 * types with the fields its example shows. Our assumptions: which of those fields are required (all but
 * the address's {@code street_two}), that they are non-blank strings, {@code birthdate.date} as
 * {@code YYYY-MM-DD}, and the error bodies' layout (the platform answers its own way).
 *
 * <p>Answers: 200 with the guide's user object ({@code {"type": "user", "user_id": ..., "user_token": ...,
 * "user_data": {...}}}, {@code user_data} echoing the {@code data_points}; the ids are hashes of the data
 * points, so equal bodies get equal ids); 400 for a body that is not a JWS, or a create-user body of the
 * wrong shape, whose {@code message} names the path of the first problem (such as
 * {@code data_points.data[1].doc_type: required}, also in {@code path}); 401 with the broken rules' names
 * for a token the verifier refuses (bad signature, unknown kid, expired...); 413 for a body over the
 * verifier's limit; 415 for another content type; 405 for another method; 404 for another path. Every
 * request is recorded in {@link #requests()}, refused ones too. Start from
 * {@link AptoFixtures#createUserBody()}.
 * Error bodies name fields and rules, never values.
 */
public final class FakeAptoMobileApi implements AutoCloseable {

  /** The create-user path. */
  public static final String CREATE_USER_PATH = "/v1/user";

  /** Parts whose violations mean the body is not a compact JWS at all, rather than a refused one. */
  private static final Set<String> STRUCTURE = Set.of("token", "header");

  /** One request the fake received, and its answer's status. The body is kept as received, for assertions. */
  public record RecordedRequest(String method, String path, String contentType, String body, int status) {}

  private final HttpServer server;
  private final ExecutorService workers;
  private final SignedPayloadVerifier verifier;
  private final int maxBodyBytes;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  private FakeAptoMobileApi(HttpServer server, ExecutorService workers, SignedPayloadVerifier verifier) {
    this.server = server;
    this.workers = workers;
    this.verifier = verifier;
    // a compact JWS of the largest payload: base64url of the payload and a header, and a 4096-bit signature
    this.maxBodyBytes = 2 * verifier.policy().maxPayloadBytes() + 8_192;
  }

  /**
   * Starts the fake on a free loopback port.
   *
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} if {@code verifier} is null
   * @throws UncheckedIOException if no loopback port can be bound
   */
  public static FakeAptoMobileApi start(SignedPayloadVerifier verifier) {
    if (verifier == null) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT,
          "verifier is null. Fix: pass SignedPayloadVerifier.create().trust(\"key_1\", publicKey).");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("no loopback port could be bound for the fake Mobile API", e);
    }
    ExecutorService workers = Executors.newFixedThreadPool(2);
    FakeAptoMobileApi api = new FakeAptoMobileApi(server, workers, verifier);
    server.createContext("/", api::handle);
    server.setExecutor(workers);
    server.start();
    return api;
  }

  /** Where the fake listens, such as {@code http://127.0.0.1:50123}; resolve {@link #CREATE_USER_PATH} on it. */
  public URI baseUri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  /** Every request received so far, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeAptoMobileApi[" + baseUri() + ", " + requests.size() + " requests]";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(maxBodyBytes + 1);
      }
      String text = new String(body, StandardCharsets.UTF_8);
      Reply reply = respond(exchange, contentType, body.length > maxBodyBytes ? null : text);
      // recorded before answering, so a client that has its answer also finds its request here
      requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), contentType,
          text, reply.status()));
      byte[] bytes = JSONObjectUtils.toJSONString(reply.body()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private record Reply(int status, Map<String, ?> body) {}

  private Reply respond(HttpExchange exchange, String contentType, String token) {
    if (!CREATE_USER_PATH.equals(exchange.getRequestURI().getPath())) {
      return new Reply(404, error("not_found", "no such endpoint; create-user is POST " + CREATE_USER_PATH + "."));
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return new Reply(405, error("method_not_allowed", "create-user takes POST."));
    }
    if (contentType == null
        || !contentType.split(";")[0].trim().toLowerCase(Locale.ROOT).equals(SignedPayloadBuilder.CONTENT_TYPE)) {
      return new Reply(415, error("unsupported_media_type",
          "send the signed payload with Content-Type: " + SignedPayloadBuilder.CONTENT_TYPE + "."));
    }
    if (token == null) {
      return new Reply(413, error("payload_too_large", "the body is over " + maxBodyBytes + " bytes."));
    }
    Verdict verdict = verifier.verify(token.trim());
    if (!verdict.accepted()) {
      boolean notAJws = verdict.violations().stream()
          .anyMatch(v -> v.rule() == Rule.TOKEN_MALFORMED || STRUCTURE.contains(v.field()));
      Map<String, Object> answer = error(notAJws ? "invalid_jws" : "unauthorized",
          notAJws ? "the body is not a compact JWS." : "the signed payload was refused.");
      answer.put("violations", rules(verdict.violations()));
      return new Reply(notAJws ? 400 : 401, answer);
    }
    String problem = CreateUserBody.firstProblem(verdict.claims());
    if (problem != null) {
      Map<String, Object> answer = error("invalid_request", problem);
      answer.put("path", problem.substring(0, problem.indexOf(':')));
      return new Reply(400, answer);
    }
    return new Reply(200, user((Map<?, ?>) verdict.claims().get("data_points")));
  }

  /** The guide's user object, with ids derived from the data points so that equal bodies get equal ids. */
  private static Map<String, Object> user(Map<?, ?> dataPoints) {
    @SuppressWarnings("unchecked")
    String json = JSONObjectUtils.toJSONString((Map<String, ?>) dataPoints);
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("type", "user");
    user.put("user_id", "crdhldr_" + HexFormat.of().formatHex(sha256("user_id:" + json), 0, 8));
    user.put("user_token", Base64URL.encode(sha256("user_token:" + json)).toString());
    user.put("user_data", dataPoints);
    return user;
  }

  private static List<Map<String, String>> rules(List<Violation> violations) {
    return violations.stream().map(v -> {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("field", v.field());
      m.put("rule", v.rule().name());
      return m;
    }).collect(Collectors.toList());
  }

  private static Map<String, Object> error(String code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("message", message);
    return m;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
