package dev.jwtsigner.examples.apto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of the signing server, over HTTP: every hostile body or request gets its status
 * (400 with the broken rules, 401, 404, 405, 413, 415) — never a token, never a 500 — and no answer echoes
 * the body's values or the bearer secret.
 */
class SigningServerBadInputTest {

  static final String SENTINEL = "SENTINEL-CLAIM-7f3a";
  static final String JSON = "application/json";
  static final String TEN_MB = "A".repeat(10 << 20);

  private static SigningServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = SigningServer.start(ServerConfig.fromEnvironment(TestServers.env()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String body(String value) {
    return "{\"data_points\":{\"email\":\"" + SENTINEL + "\",\"x\":" + value + "}}";
  }

  static Stream<Arguments> requests() {
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);
    String auth = "Bearer " + SigningServerTest.SECRET;
    return Stream.of(
        row("empty body", "POST", "/sign", auth, JSON, new byte[0], 400),
        row("whitespace body", "POST", "/sign", auth, JSON, utf8(" \n\t"), 400),
        row("10 MB body", "POST", "/sign", auth, JSON, utf8(TEN_MB), 413),
        row("binary garbage", "POST", "/sign", auth, JSON, garbage, 400),
        row("truncated JSON", "POST", "/sign", auth, JSON, utf8(body("1").substring(0, 30)), 400),
        row("control characters in a string", "POST", "/sign", auth, JSON, utf8(body("\"a\u0000\u001b\r\n\"")), 400),
        row("lone surrogate (CESU bytes)", "POST", "/sign", auth, JSON,
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'}, 400),
        row("lone surrogate (JSON escape)", "POST", "/sign", auth, JSON, utf8(body("\"\\ud800\"")), 400),
        row("20,000-deep JSON", "POST", "/sign", auth, JSON, utf8(body("[".repeat(20_000) + "]".repeat(20_000))), 400),
        row("duplicate names", "POST", "/sign", auth, JSON, utf8("{\"a\":\"" + SENTINEL + "\",\"a\":2}"), 400),
        row("NaN literal", "POST", "/sign", auth, JSON, utf8(body("NaN")), 400),
        row("1e400", "POST", "/sign", auth, JSON, utf8("{\"iat\":1e400}"), 400),
        row("a JSON array", "POST", "/sign", auth, JSON, utf8("[" + body("1") + "]"), 400),
        row("no bearer secret", "POST", "/sign", null, JSON, utf8(body("1")), 401),
        row("8 KB bearer secret", "POST", "/sign", "Bearer " + "A".repeat(8_000), JSON, utf8(body("1")), 401),
        row("wrong content type", "POST", "/sign", auth, "application/jwt", utf8(body("1")), 415),
        row("GET", "GET", "/sign", auth, JSON, null, 405),
        row("other path", "POST", "/admin", auth, JSON, utf8(body("1")), 404));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void answersEveryHostileRequestWithItsStatus(String method, String path, String authorization, String contentType,
      byte[] body, int status) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
        .header("Content-Type", contentType)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> HTTP.send(request.build(), BodyHandlers.ofString()));
    assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(status);
    String answer = response.body();
    assertThat(answer).doesNotContain(SENTINEL).doesNotContain(SigningServerTest.SECRET).doesNotContain("\"token\"");
    assertThat(answer.length()).isLessThan(4_000);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Arguments row(String name, String method, String path, String authorization, String contentType, byte[] body,
      int status) {
    return arguments(Named.of(name, method), path, authorization, contentType, body, status);
  }
}
