package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.RotatingKeySource;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JwksUrlKeysTest {

  private static final AtomicPolicy POLICY = AtomicPolicy.defaults();
  private final TestClock clock = TestClock.create();
  private final RotatingKeySource keys = RotatingKeySource.builder().key("key_1", FakeKeys.rsa2048(1).keySource("key_1")).build();
  private final JwksServer server = new JwksServer(keys, Duration.ofSeconds(300));
  private final AtomicPlatformVerifier verifier = AtomicPlatformVerifier.create(POLICY).trust(server.uri()).clock(clock);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void keepsTheKeySetForTheResponsesMaxAge() {
    assertThat(verifier.verify(token(keys)).violations()).isEmpty();
    clock.advance(Duration.ofSeconds(299));
    assertThat(verifier.verify(token(keys)).violations()).isEmpty();
    assertThat(server.fetches()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify(token(keys)).violations()).isEmpty();
    assertThat(server.fetches()).isEqualTo(2);
  }

  @Test
  void fetchesAgainOnAnUnknownKidAtMostOncePerInterval() {
    assertThat(verifier.verify(token(keys)).accepted()).isTrue();
    keys.publish("key_2", FakeKeys.rsa2048(2).keySource("key_2"));
    keys.activate("key_2");

    clock.advance(Duration.ofSeconds(10));
    assertThat(rules(verifier.verify(token(keys)))).containsExactly(Rule.KEY_ID_UNKNOWN);
    assertThat(server.fetches()).as("the last fetch was 10 s ago").isEqualTo(1);

    clock.advance(JwksUrlKeys.REFETCH_INTERVAL);
    assertThat(verifier.verify(token(keys)).violations()).isEmpty();
    assertThat(server.fetches()).isEqualTo(2);

    KeySource stranger = FakeKeys.rsa4096().keySource("key_9");
    clock.advance(Duration.ofSeconds(10));
    assertThat(rules(verifier.verify(token(stranger)))).containsExactly(Rule.KEY_ID_UNKNOWN);
    assertThat(server.fetches()).isEqualTo(2);
    clock.advance(JwksUrlKeys.REFETCH_INTERVAL);
    assertThat(rules(verifier.verify(token(stranger)))).containsExactly(Rule.KEY_ID_UNKNOWN);
    assertThat(server.fetches()).isEqualTo(3);
  }

  @Test
  void turnsAnHttpErrorIntoAViolationNamingTheUrl() {
    server.answerWith(exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });

    Verdict verdict = verifier.verify(token(keys));

    assertThat(verdict.accepted()).isFalse();
    assertThat(verdict.violations().get(0)).hasToString(Violation.of("jwks", Rule.KEY_ID_UNKNOWN,
        "the JWKS at " + server.uri() + " answered HTTP 404 instead of 200 with the key set, so no key is known.",
        "serve the key set there with Content-Type application/json (JwksPublisher.httpHandler), or trust the right URL.").toString());
  }

  @Test
  void turnsABodyThatIsNoJwksIntoAViolation() {
    server.answerWith(exchange -> {
      byte[] body = "<html>login</html>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });

    assertThat(verifier.verify(token(keys)).violations().get(0).message())
        .isEqualTo("the JWKS at " + server.uri() + " sent a body that is not a JWKS (RFC 7517: {\"keys\":[...]}), so no key is known.");
  }

  @Test
  void turnsARefusedConnectionIntoAViolationAndKeepsTheKeysFetchedBefore() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/.well-known/jwks.json");
    }
    Verdict refused = AtomicPlatformVerifier.create(POLICY).trust(closed).clock(clock).verify(token(keys));
    assertThat(refused.violations().get(0).message())
        .startsWith("the JWKS at " + closed + " could not be fetched (ConnectException").endsWith(", so no key is known.");

    assertThat(verifier.verify(token(keys)).accepted()).isTrue();
    server.close();
    clock.advance(Duration.ofSeconds(300));
    assertThat(verifier.verify(token(keys)).violations()).as("the cached key still verifies").isEmpty();
  }

  @Test
  void takesHttpAndHttpsUrlsInAnyCaseAndRefusesOneWithoutAHost() {
    for (String url : new String[] {"http://127.0.0.1:1/jwks.json", "https://127.0.0.1:1/jwks.json", "HTTPS://127.0.0.1:1/jwks.json"}) {
      assertThat(AtomicPlatformVerifier.create(POLICY).trust(URI.create(url))).as(url).isNotNull();
    }
    assertThatThrownBy(() -> AtomicPlatformVerifier.create(POLICY).trust(URI.create("https:/jwks.json")))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessageStartingWith("jwksUrl https:/jwks.json is not an absolute http or https URL.");
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> AtomicPlatformVerifier.create(POLICY).trust(URI.create("file:///etc/jwks.json")))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("jwksUrl file:///etc/jwks.json is not an absolute http or https URL. Fix: pass the URL the key set is"
            + " published at, such as http://127.0.0.1:8080/.well-known/jwks.json.");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "public, max-age=300|300", "max-age=\"60\", must-revalidate|60", "no-store|0", "no-cache, max-age=60|0",
      "private|300", "null|300", "s-maxage=5|300"})
  void readsMaxAgeFromCacheControl(String cacheControl, long seconds) {
    assertThat(JwksUrlKeys.maxAge(cacheControl)).isEqualTo(Duration.ofSeconds(seconds));
  }

  private String token(KeySource source) {
    return AtomicTokenBuilder.create(source).clock(clock).subject("u1").expiresIn(Duration.ofHours(1)).sign();
  }

  private static java.util.List<Rule> rules(Verdict verdict) {
    return verdict.violations().stream().map(Violation::rule).toList();
  }
}
