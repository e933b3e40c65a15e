package dev.jwtsigner.examples.atomic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.keys.KeyPairs;
import dev.jwtsigner.testkit.AtomicPlatformVerifier;
import dev.jwtsigner.testkit.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the real application on a random port, logs in once and fetches tokens with the session cookie over
 * HTTP, as the SDK delegate does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"jwt-signer.atomic.reload-interval=0s", "server.tomcat.connection-timeout=1s", "login.throttle.max-failures=3"})
class AtomicTokenControllerTest {

  private static final String USER = "jane.doe";
  private static final String PASSWORD = UUID.randomUUID().toString();

  /** A fresh key pair for this test class, as the vendor guide's RS512 wants it (2048 bits keeps the test fast). */
  private static final KeyPair KEYS = KeyPairs.generate(JwsAlgorithm.RS512, 2048);

  @TempDir
  static Path keyDir;
  static Path privateKey;

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private String session;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    privateKey = KeyPairs.writeFiles(KEYS, keyDir).get(0);
    registry.add("jwt-signer.atomic.private-key", () -> "file:" + privateKey);
    registry.add("spring.security.user.password", () -> PASSWORD);
  }

  @BeforeEach
  void logIn() throws Exception {
    HttpResponse<String> login = send(post("/login").header("Authorization", basicAuth(USER, PASSWORD)));
    assertThat(login.statusCode()).isEqualTo(204);
    session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
        .map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
  }

  @Test
  void mintsATokenForTheLoggedInUserThatThePlatformAccepts() throws Exception {
    HttpResponse<String> response = send(get("/atomic/token").header("Cookie", session));

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
    String first = send(get("/atomic/token").header("Cookie", session)).body();
    String second = send(get("/atomic/token").header("Cookie", session)).body();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void refusesAnAnonymousCaller() throws Exception {
    assertThat(send(get("/atomic/token")).statusCode()).isEqualTo(401);
  }

  @Test
  void checksNoPasswordOnTheTokenEndpoint() throws Exception {
    HttpResponse<String> response = send(get("/atomic/token").header("Authorization", basicAuth(USER, PASSWORD)));

    assertThat(response.statusCode()).as("only the session logs a token request in").isEqualTo(401);
  }

  @Test
  void refusesAWrongPassword() throws Exception {
    HttpResponse<String> response = send(post("/login").header("Authorization", basicAuth(USER, PASSWORD + "x")));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void throttlesAClientAfterItsFailedLoginsWithoutCheckingThePassword() throws Exception {
    String user = "mallory-" + UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      assertThat(send(post("/login").header("Authorization", basicAuth(user, "guess" + i))).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> throttled = send(post("/login").header("Authorization", basicAuth(user, "guess")));

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 60L));
    assertThat(send(post("/login").header("Authorization", basicAuth(USER, PASSWORD))).statusCode())
        .as("another client still logs in").isEqualTo(204);
    assertThat(send(get("/atomic/token").header("Cookie", session)).statusCode()).as("and sessions keep working").isEqualTo(200);
  }

  @Test
  void cutsOffAClientThatSendsHalfARequestLine() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", port)) {
      slow.setSoTimeout(10_000);
      OutputStream out = slow.getOutputStream();
      out.write("GET /atomic/tok".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      InputStream in = slow.getInputStream();
      while (in.read() >= 0) {
        // Tomcat may answer 400 before closing; read until it closes the connection
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closed by the 1 s connection time-out").isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void reportsTheKeySourceDownWhileABrokenKeyFileIsRefusedAndUpOnceRestored() throws Exception {
    String good = Files.readString(privateKey);
    try {
      assertThat(keyStatus()).isEqualTo("UP");
      Files.writeString(privateKey, "half a key");
      Files.setLastModifiedTime(privateKey, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
      assertThat(keyStatus()).isEqualTo("DOWN");
      assertThat(send(get("/atomic/token").header("Cookie", session)).statusCode()).as("the last good key keeps signing").isEqualTo(200);
    } finally {
      Files.writeString(privateKey, good);
      Files.setLastModifiedTime(privateKey, FileTime.fromMillis(System.currentTimeMillis() + 20_000));
    }
    assertThat(keyStatus()).isEqualTo("UP");
  }

  private String keyStatus() throws IOException, InterruptedException {
    JsonNode health = JsonMapper.shared().readTree(send(get("/actuator/health")).body());
    return health.get("components").get("atomicKeySource").get("status").asString();
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).GET();
  }

  private HttpRequest.Builder post(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.noBody());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basicAuth(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
