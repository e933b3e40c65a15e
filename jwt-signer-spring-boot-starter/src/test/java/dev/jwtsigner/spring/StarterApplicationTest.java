package dev.jwtsigner.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.testkit.AtomicPlatformVerifier;
import dev.jwtsigner.testkit.FakeKeys;
import dev.jwtsigner.testkit.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An application with only the starter and a few properties, on a random port, fetched over HTTP. */
@SpringBootTest(classes = StarterApplicationTest.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"management.endpoint.health.show-details=always", "management.endpoints.web.exposure.include=health"})
class StarterApplicationTest {

  @TempDir
  static Path dir;

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws Exception {
    Path key = Files.writeString(dir.resolve("private.pem"), FakeKeys.rsa2048().privateKeyPem());
    registry.add("jwt-signer.atomic.private-key", () -> "file:" + key);
    registry.add("jwt-signer.atomic.key-id", () -> "key_1");
    registry.add("jwt-signer.atomic.issuer", () -> "my-backend");
    registry.add("jwt-signer.atomic.allowed-issuers", () -> "my-backend");
    registry.add("jwt-signer.atomic.jwks.enabled", () -> "true");
  }

  @Test
  void servesATokenThatVerifiesAgainstTheJwksItPublishes() throws Exception {
    String token = get("/token?user=u1").body();
    URI jwks = URI.create(base() + "/.well-known/jwks.json");

    AtomicPolicy policy = AtomicPolicy.builder().allowedIssuers("my-backend").build();
    Verdict verdict = AtomicPlatformVerifier.create(policy).trust(jwks).verify(token);
    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.userId()).contains("u1");

    HttpResponse<String> keys = get("/.well-known/jwks.json");
    assertThat(keys.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(keys.headers().firstValue("Cache-Control")).contains("public, max-age=300");
    String etag = keys.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base() + "/.well-known/jwks.json"))
        .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void reportsTheKeySourceInActuatorHealth() throws Exception {
    JsonNode health = JsonMapper.shared().readTree(get("/actuator/health").body());

    JsonNode atomic = health.get("components").get("atomicKeySource");
    assertThat(atomic.get("status").asString()).isEqualTo("UP");
    assertThat(atomic.get("details").get("kid").asString()).isEqualTo("key_1");
    assertThat(atomic.get("details").get("algorithm").asString()).isEqualTo("RS256");
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response;
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  /** The application: only a controller that hands out tokens; the starter does the rest. */
  @SpringBootApplication
  static class App {

    @RestController
    static class TokenController {

      private final AtomicTokens tokens;

      TokenController(AtomicTokens tokens) {
        this.tokens = tokens;
      }

      @GetMapping("/token")
      String token(@RequestParam String user) {
        return tokens.tokenFor(user);
      }
    }
  }
}
