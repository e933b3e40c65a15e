package dev.jwtsigner.examples.atomic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.keys.KeyPairs;
import dev.jwtsigner.testkit.AtomicPlatformVerifier;
import dev.jwtsigner.testkit.Verdict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starts the real application on a random port and fetches tokens over HTTP, as the SDK delegate does. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AtomicTokenControllerTest {

  private static final String USER = "jane.doe";
  private static final String PASSWORD = UUID.randomUUID().toString();

  /** A fresh key pair for this test class, as the vendor guide's RS512 wants it (2048 bits keeps the test fast). */
  private static final KeyPair KEYS = KeyPairs.generate(JwsAlgorithm.RS512, 2048);

  @TempDir
  static Path keyDir;

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    Path privateKey = KeyPairs.writeFiles(KEYS, keyDir).get(0);
    registry.add("atomic.private-key", privateKey::toString);
    registry.add("spring.security.user.password", () -> PASSWORD);
  }

  @Test
  void mintsATokenForTheLoggedInUserThatThePlatformAccepts() throws Exception {
    HttpResponse<String> response = get(basicAuth(USER, PASSWORD));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = JsonMapper.shared().readTree(response.body());
    String token = body.get("token").asString();

    AtomicPolicy policy = AtomicPolicy.builder().maxTokenExpiry(Duration.ofDays(7)).allowedIssuers("my-backend").build();
    Verdict verdict = AtomicPlatformVerifier.create(policy).trust(KEYS.getPublic()).verify(token);
    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.userId()).contains(USER);
    assertThat(verdict.header()).containsEntry("alg", "RS512");
    assertThat(verdict.claims()).containsEntry("iss", "my-backend");
    long iat = ((Number) verdict.claims().get("iat")).longValue();
    long exp = ((Number) verdict.claims().get("exp")).longValue();
    assertThat(exp - iat).isEqualTo(Duration.ofHours(1).toSeconds());
    assertThat(body.get("expiresAt").asLong()).isEqualTo(exp);
  }

  @Test
  void servesTheSameCachedTokenOnARepeatedCall() throws Exception {
    String first = get(basicAuth(USER, PASSWORD)).body();
    String second = get(basicAuth(USER, PASSWORD)).body();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void refusesAnAnonymousCaller() throws Exception {
    HttpResponse<String> response = get(null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void refusesAWrongPassword() throws Exception {
    assertThat(get(basicAuth(USER, PASSWORD + "x")).statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> get(String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/atomic/token"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basicAuth(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
