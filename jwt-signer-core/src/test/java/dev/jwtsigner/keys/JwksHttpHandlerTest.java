package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateKeySpec;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler on a real JDK HTTP server on loopback. */
class JwksHttpHandlerTest {

  private final RotatingKeySource keys = RotatingKeySource.builder().key("key_1", JwksPublisherTest.RSA).build();
  /** Status, headers (first values) and body of one answer. */
  record Answer(int statusCode, Map<String, String> headers, String body) {}
  private HttpServer server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(JwksPublisher.WELL_KNOWN_PATH, JwksPublisher.of(keys).httpHandler(Duration.ofSeconds(300)));
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + JwksPublisher.WELL_KNOWN_PATH);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void servesTheJwksWithContentTypeCacheControlAndEtag() throws Exception {
    Answer response = send("GET", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Type", "application/json")
        .containsEntry("Cache-Control", "public, max-age=300")
        .containsEntry("ETag", JwksPublisher.of(keys).document().etag());
    assertThat(response.body()).isEqualTo(JwksPublisher.of(keys).document().json()).contains("\"kid\":\"key_1\"");
  }

  @Test
  void answers304ToTheCurrentTagAnd200OnceTheKeySetChanged() throws Exception {
    String etag = send("GET", null).headers().get("ETag");

    Answer same = send("GET", etag);
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(same.headers()).containsEntry("ETag", etag);

    keys.publish("key_2", JwksPublisherTest.EC);
    Answer changed = send("GET", etag);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().get("ETag")).isNotEqualTo(etag);
    assertThat(changed.body()).contains("\"kid\":\"key_2\"");
  }

  @Test
  void answersHeadWithoutABodyAndRefusesOtherMethods() throws Exception {
    Answer head = send("HEAD", null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();

    Answer post = send("POST", null);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
  }

  @Test
  void answersHeadWithTheLengthOfTheBodyGetWouldSend() throws Exception {
    Answer get = send("GET", null);
    Answer head = send("HEAD", null);

    assertThat(head.headers()).containsEntry("Content-Length", Integer.toString(get.body().getBytes(StandardCharsets.UTF_8).length))
        .containsEntry("Content-Type", "application/json").containsEntry("ETag", get.headers().get("ETag"));
  }

  @Test
  void answers503WithTheReasonOnceAKeySwappedInHasNoPublicHalfAndServesAgainWhenItIsBack() throws Exception {
    SigningKey good = JwksPublisherTest.RSA.withKeyId("k").signingKey();
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) good.privateKey();
    SigningKey hidden = SigningKey.of(KeyFactory.getInstance("RSA")
        .generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()))).withKeyId("k");
    AtomicReference<SigningKey> current = new AtomicReference<>(good);
    server.createContext("/swapped", JwksPublisher.of(current::get).httpHandler(Duration.ofSeconds(60)));
    URI swapped = uri.resolve("/swapped");

    current.set(hidden);
    Answer unavailable = send(swapped, "GET", null);
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers()).containsEntry("Content-Type", "application/json").containsEntry("Cache-Control", "no-store");
    assertThat(unavailable.body()).isEqualTo("{\"error\":\"key set unavailable\",\"reason\":\"KEY_EXPORT_FAILED\"}");

    current.set(good);
    Answer back = send(swapped, "GET", null);
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.headers()).containsEntry("Cache-Control", "public, max-age=60");
    assertThat(back.body()).contains("\"kid\":\"k\"");
  }

  private Answer send(String method, String ifNoneMatch) throws IOException {
    return send(uri, method, ifNoneMatch);
  }

  private Answer send(URI target, String method, String ifNoneMatch) throws IOException {
    HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(10_000);
    if (ifNoneMatch != null) {
      c.setRequestProperty("If-None-Match", ifNoneMatch);
    }
    int status = c.getResponseCode();
    Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    c.getHeaderFields().forEach((k, v) -> {
      if (k != null) {
        headers.put(k, v.get(0));
      }
    });
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    c.disconnect();
    return new Answer(status, headers, body);
  }
}
