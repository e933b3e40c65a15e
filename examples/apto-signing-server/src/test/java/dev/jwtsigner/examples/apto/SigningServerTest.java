package dev.jwtsigner.examples.apto;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.testkit.FakeAptoMobileApi;
import dev.jwtsigner.testkit.SignedPayloadVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starts the real server on a loopback port and calls it as an app would; the fake Mobile API checks the tokens. */
class SigningServerTest {

  static final String SECRET = "test-only-bearer-secret-0123456789abcdef";

  private static SigningServer server;
  private static FakeAptoMobileApi mobileApi;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config = ServerConfig.fromEnvironment(TestServers.env());
    server = SigningServer.start(config);
    mobileApi = FakeAptoMobileApi.start(SignedPayloadVerifier.create().trust("key_1", publicKeyOf(config)));
  }

  @AfterAll
  static void stop() {
    if (mobileApi != null) {
      mobileApi.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void signsTheCreateUserBodyAndTheMobileApiAcceptsTheToken() throws Exception {
    String body = resource("create-user.json");
    HttpResponse<String> signed = post("/sign", "Bearer " + SECRET, "application/json", body.getBytes(StandardCharsets.UTF_8));
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(signed.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    String token = (String) JSONObjectUtils.parse(signed.body()).get("token");

    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(mobileApi.baseUri().resolve("/v1/user"))
        .header("Content-Type", SignedPayloadBuilder.CONTENT_TYPE)
        .POST(BodyPublishers.ofString(token)).build(), BodyHandlers.ofString());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    Map<String, Object> user = JSONObjectUtils.parse(created.body());
    assertThat(user).containsEntry("type", "user");
    assertThat(user.get("user_data")).isEqualTo(JSONObjectUtils.parse(body).get("data_points"));
  }

  @Test
  void refusesACallerWithoutTheBearerSecret() throws Exception {
    for (String auth : new String[] {null, "Bearer wrong-secret", "Basic " + SECRET, "Bearer " + SECRET + "x"}) {
      HttpResponse<String> r = post("/sign", auth, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(JSONObjectUtils.parse(r.body())).containsEntry("error", "unauthorized");
    }
  }

  @Test
  void refusesABodyThatIsNotJson() throws Exception {
    for (String type : new String[] {"text/plain", "application/json; charset=iso-8859-1", "application/jwt"}) {
      HttpResponse<String> r = post("/sign", "Bearer " + SECRET, type, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(type).isEqualTo(415);
      assertThat(JSONObjectUtils.parse(r.body())).containsEntry("error", "unsupported_media_type");
    }
    assertThat(post("/sign", "Bearer " + SECRET, "application/json; charset=UTF-8", "{}".getBytes(StandardCharsets.UTF_8))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void refusesABodyOverTheLimitWith413() throws Exception {
    byte[] big = ("{\"a\":\"" + "x".repeat(64 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = post("/sign", "Bearer " + SECRET, "application/json", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSONObjectUtils.parse(r.body())).containsEntry("error", "payload_too_large")
        .containsEntry("message", "the body is over 65536 bytes.");
  }

  @Test
  void answers400WithTheBrokenRulesButNoValues() throws Exception {
    HttpResponse<String> r = post("/sign", "Bearer " + SECRET, "application/json",
        "{\"ssn\":\"123-45-6789\",\"ssn\":\"987-65-4321\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("123-45-6789").doesNotContain("987-65-4321");
    Map<String, Object> error = JSONObjectUtils.parse(r.body());
    assertThat(error).containsEntry("error", "payload_rejected");
    assertThat(rules(error)).containsExactly("DUPLICATE_MEMBER");

    Map<String, Object> array = JSONObjectUtils.parse(
        post("/sign", "Bearer " + SECRET, "application/json", "[1,2]".getBytes(StandardCharsets.UTF_8)).body());
    assertThat(rules(array)).containsExactly("NOT_A_JSON_OBJECT");
  }

  @Test
  void answers400ForInvalidUtf8() throws Exception {
    HttpResponse<String> r = post("/sign", "Bearer " + SECRET, "application/json",
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'});
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(rules(JSONObjectUtils.parse(r.body()))).containsExactly("INVALID_UNICODE");
  }

  @Test
  void answers405ForOtherMethodsAnd404ForOtherPaths() throws Exception {
    HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/sign"))
        .header("Authorization", "Bearer " + SECRET).GET().build(), BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");

    for (String path : new String[] {"/", "/signature", "/sign/x"}) {
      assertThat(post(path, "Bearer " + SECRET, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).statusCode())
          .as(path).isEqualTo(404);
    }
  }

  private static HttpResponse<String> post(String path, String authorization, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
        .header("Content-Type", contentType)
        .POST(BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static List<Object> rules(Map<String, Object> error) {
    return ((List<Map<String, Object>>) error.get("violations")).stream().map(v -> v.get("rule")).toList();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = SigningServerTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static PublicKey publicKeyOf(ServerConfig config) throws Exception {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) config.keys().signingKey().privateKey();
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
  }
}
