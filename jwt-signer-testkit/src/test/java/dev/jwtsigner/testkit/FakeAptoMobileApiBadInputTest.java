package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jwtsigner.catalogue.BadInput;
import dev.jwtsigner.catalogue.LeakWatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of {@link FakeAptoMobileApi}, over HTTP: each hostile request gets its documented
 * status (400 not a JWS, 401 refused, 404, 405, 413, 415), never a 200 or a 500, and no response body
 * carries a claim value or key material.
 */
class FakeAptoMobileApiBadInputTest {

  @RegisterExtension
  static final LeakWatch LEAKS = LeakWatch.forbidding()
      .key("rsa2048", HostileTokens.KEY.privateKey()).pem("rsa2048", HostileTokens.KEY.privateKeyPem());

  static final FakeAptoMobileApi API =
      FakeAptoMobileApi.start(SignedPayloadVerifier.create().trust("key_1", HostileTokens.KEY.publicKey()));
  static final String JWT = "application/jwt";

  @AfterAll
  static void stop() {
    API.close();
  }

  static Stream<Arguments> requests() {
    String later = String.valueOf(System.currentTimeMillis() / 1000 + 3600);
    String claims = "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":\""
        + LeakWatch.CLAIM_SENTINEL + "\"}]},\"exp\":" + later + "}";
    Stream<Arguments> plain = Stream.of(
        row("empty body", "POST", "/v1/user", JWT, "", 400),
        row("whitespace body", "POST", "/v1/user", JWT, " \r\n\t", 400),
        row("10 MB body", "POST", "/v1/user", JWT, BadInput.TEN_MB, 413),
        row("binary garbage", "POST", "/v1/user", JWT, BadInput.BINARY, 400),
        row("control characters", "POST", "/v1/user", JWT, BadInput.CONTROL, 400),
        row("lone surrogates", "POST", "/v1/user", JWT, BadInput.LONE_SURROGATES, 400),
        row("20,000-deep JSON", "POST", "/v1/user", JWT, BadInput.DEEP_JSON, 400),
        row("truncated token", "POST", "/v1/user", JWT, HostileTokens.signed(claims).substring(0, 40), 400),
        row("JSON instead of a JWS", "POST", "/v1/user", "application/json", claims, 415),
        row("content type with control characters", "POST", "/v1/user", "application/jwt\u0001x", HostileTokens.signed(claims), 415),
        row("GET", "GET", "/v1/user", JWT, null, 405),
        row("other path", "POST", "/v1/user/../admin", JWT, HostileTokens.signed(claims), 404),
        row("valid token without data_points", "POST", "/v1/user", JWT, HostileTokens.signed("{\"exp\":" + later + "}"), 400),
        row("exp 1e400", "POST", "/v1/user", JWT, HostileTokens.signed("{\"data_points\":{},\"exp\":1e400}"), 401),
        row("data point of an unknown type", "POST", "/v1/user", JWT, HostileTokens.signed("{\"data_points\":{\"type\":"
            + "\"list\",\"data\":[{\"type\":\"" + LeakWatch.CLAIM_SENTINEL + "\"}]},\"exp\":" + later + "}"), 400));
    return Stream.concat(plain, Arrays.stream(HostileTokens.forgeries(claims))
        .map(f -> row((String) f[0], "POST", "/v1/user", JWT, (String) f[1], (Integer) f[4])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void answersEveryHostileRequestWithItsStatus(String method, String path, String contentType, String body, int status) {
    int[] statusAndLength = new int[2];
    String answer = assertTimeoutPreemptively(BadInput.TIME_LIMIT, () -> {
      HttpURLConnection c = (HttpURLConnection) API.baseUri().resolve(path).toURL().openConnection();
      c.setRequestMethod(method);
      c.setRequestProperty("Content-Type", contentType.replaceAll("\\p{Cntrl}", "?"));
      if (body != null) {
        c.setDoOutput(true);
        if (body.length() > BadInput.MAX_MESSAGE_CHARS * 100) { // stream a huge body rather than buffer it
          c.setFixedLengthStreamingMode(body.getBytes(StandardCharsets.UTF_8).length);
        }
        try (OutputStream out = c.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException refusedEarly) {
          // the fake may answer 413 before reading the whole body
        }
      }
      statusAndLength[0] = c.getResponseCode();
      try (InputStream in = c.getErrorStream() != null ? c.getErrorStream() : c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    });
    LeakWatch.record(answer);
    assertThat(statusAndLength[0]).as("status; body %s", answer).isEqualTo(status);
    assertThat(answer.length()).isLessThan(BadInput.MAX_MESSAGE_CHARS);
  }

  static Arguments row(String name, String method, String path, String contentType, String body, int status) {
    return arguments(named(name, method), path, contentType, body, status);
  }
}
