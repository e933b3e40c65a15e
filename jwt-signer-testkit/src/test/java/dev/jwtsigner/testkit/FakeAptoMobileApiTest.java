package dev.jwtsigner.testkit;

import static dev.jwtsigner.testkit.AptoTestFiles.createUserJson;
import static dev.jwtsigner.testkit.AptoTestFiles.keys;
import static dev.jwtsigner.testkit.AptoTestFiles.publicKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.testkit.FakeAptoMobileApi.RecordedRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FakeAptoMobileApiTest {

  private static final KeySource KEY_1 = keys("rsa2048");

  private final FakeAptoMobileApi api =
      FakeAptoMobileApi.start(SignedPayloadVerifier.create().trust("key_1", publicKey("rsa2048")));

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void toStringNamesTheAddressAndTheRequestsSoFar() throws Exception {
    assertThat(api).hasToString("FakeAptoMobileApi[" + api.baseUri() + ", 0 requests]");
    post(FakeAptoMobileApi.CREATE_USER_PATH, SignedPayloadBuilder.CONTENT_TYPE, signed(KEY_1, createUserJson()));
    assertThat(api).hasToString("FakeAptoMobileApi[" + api.baseUri() + ", 1 requests]");
  }

  @Test
  void createsAUserFromASignedCreateUserBody() throws Exception {
    String token = signed(KEY_1, createUserJson());
    Response r = post(FakeAptoMobileApi.CREATE_USER_PATH, SignedPayloadBuilder.CONTENT_TYPE, token);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    Map<String, Object> user = JSONObjectUtils.parse(r.body());
    assertThat(user).containsEntry("type", "user").containsKeys("user_id", "user_token");
    assertThat((String) user.get("user_id")).matches("crdhldr_[0-9a-f]{16}");
    assertThat(user.get("user_data")).isEqualTo(JSONObjectUtils.parse(createUserJson()).get("data_points"));
    assertThat(api.requests()).containsExactly(
        new RecordedRequest("POST", "/v1/user", SignedPayloadBuilder.CONTENT_TYPE, token, 200));
  }

  @Test
  void derivesTheIdsFromTheDataPoints() throws Exception {
    String body = "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":\"%s\"}]}}";
    Map<String, Object> first = created(String.format(body, "a@example.com"));
    Map<String, Object> again = created(String.format(body, "a@example.com"));
    Map<String, Object> other = created(String.format(body, "b@example.com"));
    assertThat(again).isEqualTo(first);
    assertThat(other.get("user_id")).isNotEqualTo(first.get("user_id"));
    assertThat(other.get("user_token")).isNotEqualTo(first.get("user_token"));
  }

  @Test
  void theCoreTestsSignTheSameCreateUserBodyAsTheFixture() throws Exception {
    assertThat(JSONObjectUtils.parse(AptoTestFiles.coreCreateUserJson()))
        .isEqualTo(JSONObjectUtils.parse(AptoFixtures.createUserBody()));
  }

  static Stream<Arguments> wrongShapes() {
    Map<String, Object> vendor = parse(AptoFixtures.createUserBody());
    return Stream.of(
        Arguments.of("the old shape: an object keyed by type",
            "{\"data_points\":{\"phone\":{\"data_type\":\"phone\",\"country_code\":\"1\",\"phone_number\":\"2025550118\"}}}",
            "data_points.type: required"),
        Arguments.of("no data_points", "{\"user\":{}}", "data_points: required"),
        Arguments.of("id_document without doc_type", edit(vendor, 1, "doc_type", null), "data_points.data[1].doc_type: required"),
        Arguments.of("id_document with the old id_type", edit(edit(vendor, 1, "doc_type", null), 1, "id_type", "SSN"),
            "data_points.data[1].doc_type: required"),
        Arguments.of("phone without verification", edit(vendor, 0, "verification", null),
            "data_points.data[0].verification: required"),
        Arguments.of("unknown data point type", edit(vendor, 2, "type", "e-mail"),
            "data_points.data[2].type: must be one of phone, email, name, address, birthdate, id_document"),
        Arguments.of("birthdate not a date", edit(vendor, 3, "date", "20/10/1965"), "data_points.data[3].date: must be a date YYYY-MM-DD"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongShapes")
  void answers400NamingThePathOfTheFirstProblemForAWrongShape(String name, String body, String problem) throws Exception {
    String token = signed(KEY_1, body);
    Response r = post(FakeAptoMobileApi.CREATE_USER_PATH, SignedPayloadBuilder.CONTENT_TYPE, token);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(JSONObjectUtils.parse(r.body())).containsEntry("code", "invalid_request").containsEntry("message", problem)
        .containsEntry("path", problem.substring(0, problem.indexOf(':')));
    assertThat(api.requests()).containsExactly(
        new RecordedRequest("POST", "/v1/user", SignedPayloadBuilder.CONTENT_TYPE, token, 400));
  }

  @Test
  void answers401WithTheRuleNamesForABadSignatureOrUnknownKid() throws Exception {
    Response wrongKey = post("/v1/user", "application/jwt", signed(keys("rsa4096"), createUserJson()));
    assertThat(wrongKey.status()).isEqualTo(401);
    assertThat(JSONObjectUtils.parse(wrongKey.body())).containsEntry("code", "unauthorized")
        .containsEntry("violations", List.of(Map.of("field", "signature", "rule", "SIGNATURE_INVALID")));
    assertThat(wrongKey.body()).doesNotContain("Jane").doesNotContain("2025550118");

    String unknownKid = SignedPayloadBuilder.create(KEY_1).keyId("key_2").payload(createUserJson()).sign();
    Response r = post("/v1/user", "application/jwt", unknownKid);
    assertThat(r.status()).isEqualTo(401);
    assertThat(JSONObjectUtils.parse(r.body()))
        .containsEntry("violations", List.of(Map.of("field", "header.kid", "rule", "KEY_ID_UNKNOWN")));
  }

  @Test
  void answers400ForABodyThatIsNotAJwsOrHasNoDataPoints() throws Exception {
    Response notJws = post("/v1/user", "application/jwt", createUserJson());
    assertThat(notJws.status()).isEqualTo(400);
    assertThat(JSONObjectUtils.parse(notJws.body())).containsEntry("code", "invalid_jws");

    Response noDataPoints = post("/v1/user", "application/jwt", signed(KEY_1, "{\"name\":\"x\"}"));
    assertThat(noDataPoints.status()).isEqualTo(400);
    assertThat(JSONObjectUtils.parse(noDataPoints.body())).containsEntry("code", "invalid_request")
        .containsEntry("message", "data_points: required");
  }

  @Test
  void answers415ForAnotherContentType() throws Exception {
    Response r = post("/v1/user", "application/json", signed(KEY_1, createUserJson()));
    assertThat(r.status()).isEqualTo(415);
    assertThat(JSONObjectUtils.parse(r.body())).containsEntry("code", "unsupported_media_type");
    assertThat(post("/v1/user", "application/jwt; charset=utf-8", signed(KEY_1, createUserJson())).status())
        .isEqualTo(200);
  }

  @Test
  void answers405ForOtherMethodsAnd404ForOtherPaths() throws Exception {
    Response get = send("GET", "/v1/user", null, null);
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.header("Allow")).isEqualTo("POST");
    assertThat(post("/v1/users", "application/jwt", signed(KEY_1, createUserJson())).status()).isEqualTo(404);
    assertThat(api.requests()).extracting(RecordedRequest::status).containsExactly(405, 404);
  }

  @Test
  void answers413ForABodyOverTheLimit() throws Exception {
    Response r = post("/v1/user", "application/jwt", "x".repeat(2 * 65_536 + 8_193));
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void listensOnLoopbackUntilClosed() {
    URI base = api.baseUri();
    assertThat(base.getHost()).isEqualTo("127.0.0.1");
    api.close();
    assertThatThrownBy(() -> post("/v1/user", "application/jwt", "x")).isInstanceOf(ConnectException.class);
  }

  @Test
  void refusesANullVerifier() {
    assertThatThrownBy(() -> FakeAptoMobileApi.start(null))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("verifier is null. Fix: pass SignedPayloadVerifier.create().trust(\"key_1\", publicKey).");
  }

  /** {@code body} with data point {@code index}'s {@code field} set to {@code value} (removed when null), as JSON. */
  @SuppressWarnings("unchecked")
  private static String edit(Object body, int index, String field, Object value) {
    Map<String, Object> copy = parse(body instanceof String text ? text : JSONObjectUtils.toJSONString((Map<String, ?>) body));
    Map<String, Object> point = ((List<Map<String, Object>>) ((Map<String, Object>) copy.get("data_points")).get("data")).get(index);
    if (value == null) {
      point.remove(field);
    } else {
      point.put(field, value);
    }
    return JSONObjectUtils.toJSONString(copy);
  }

  private static Map<String, Object> parse(String json) {
    try {
      return JSONObjectUtils.parse(json);
    } catch (java.text.ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Map<String, Object> created(String body) throws Exception {
    Response r = post("/v1/user", "application/jwt", signed(KEY_1, body));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return JSONObjectUtils.parse(r.body());
  }

  private static String signed(KeySource keys, String body) {
    return SignedPayloadBuilder.create(keys).keyId("key_1").payload(body).sign();
  }

  private Response post(String path, String contentType, String body) throws IOException {
    return send("POST", path, contentType, body);
  }

  /** One exchange over HttpURLConnection (the test kit's module reads java.base only). */
  private Response send(String method, String path, String contentType, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) api.baseUri().resolve(path).toURL().openConnection();
    try {
      c.setRequestMethod(method);
      if (body != null) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", contentType);
        try (OutputStream out = c.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Response(status, text, c.getHeaderFields());
      }
    } finally {
      c.disconnect();
    }
  }

  private record Response(int status, String body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey()))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }
}
