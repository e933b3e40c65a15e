package dev.jwtsigner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.testkit.FakeKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DebuggerServerTest {

  private DebuggerServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = DebuggerServer.start(0, InstantSource.fixed(Cli.NOW));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A raw HTTP/1.1 exchange, so the test controls the Host header (the JDK client does not let it be set). */
  private String raw(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        head.append((char) c);
      }
      java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
      byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
      return head + new String(body, StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> check(String json, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve("/api/check"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bindsToLoopbackOnly() {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void servesThePageWithAPolicyThatLoadsNothingFromElsewhere() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).contains(DebuggerServer.CSP);
    assertThat(page.body()).contains("this page loads nothing from the internet").contains("id=\"timeline\"")
        .doesNotContainPattern("(src|href)=\"(https?:)?//");
    for (String path : new String[] {"/debugger.js", "/debugger.css"}) {
      String body = http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(body).doesNotContainPattern("(fetch|import|url)\\(\\s*['\"]?(https?:)?//");
    }
  }

  @Test
  void refusesAForeignHost() throws IOException {
    String answer = raw("GET / HTTP/1.1\r\nHost: attacker.example:" + server.address().getPort() + "\r\nConnection: close\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 403").contains("refused: the Host header does not name this server");
  }

  @Test
  void refusesAForeignOrigin() throws Exception {
    HttpResponse<String> r = check("{\"token\":\"a.b.c\"}", "http://attacker.example");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("refused: the Origin is not this server's page\n");
  }

  @Test
  void acceptsItsOwnOriginAndLocalhost() throws Exception {
    assertThat(check("{\"token\":\"a.b.c\"}", "http://127.0.0.1:" + server.address().getPort()).statusCode()).isEqualTo(200);
    String answer = raw("GET / HTTP/1.1\r\nHost: localhost:" + server.address().getPort() + "\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200");
  }

  @Test
  void refusesPeersOffThisMachine() throws Exception {
    InetAddress lan = InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 1, 20});
    String host = "127.0.0.1:" + server.address().getPort();

    assertThat(server.refusal(lan, host, null)).isEqualTo("refused: the debugger answers this machine only (loopback)");
    assertThat(server.refusal(InetAddress.getLoopbackAddress(), host, null)).isNull();
    assertThat(server.refusal(InetAddress.getLoopbackAddress(), null, null)).startsWith("refused: the Host header");
  }

  @Test
  void explainsATokenWithTheLibrarysVerdict() throws Exception {
    String token = AtomicTokenBuilder.create(FakeKeys.rsa2048().keySource()).clock(InstantSource.fixed(Cli.NOW)).subject("u1")
        .expiresIn(Duration.ofHours(3)).sign();
    String trust = FakeKeys.rsa2048().publicKeyPem().replace("\n", "\\n");

    HttpResponse<String> accepted = check("{\"token\":\"" + token + "\",\"trust\":\"" + trust + "\"}", null);
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(accepted.body()).contains("\"accepted\" : true").contains("\"userIdClaim\" : \"sub\"");

    HttpResponse<String> refused = check("{\"token\":\"" + token + "\",\"trust\":\"" + trust + "\",\"maxExpiry\":\"1h\","
        + "\"at\":\"2026-01-01T05:00:00Z\"}", null);
    assertThat(refused.body()).contains("\"accepted\" : false").contains("\"rule\" : \"EXPIRED\"").contains("\"rule\" : \"EXPIRY_BEYOND_MAXIMUM\"");

    HttpResponse<String> badKey = check("{\"token\":\"" + token + "\",\"trust\":\"not a key\"}", null);
    assertThat(badKey.body()).contains("\"reason\" : \"PUBLIC_KEY_MALFORMED\"");

    HttpResponse<String> badSetting = check("{\"token\":\"" + token + "\",\"maxExpiry\":\"soon\"}", null);
    assertThat(badSetting.statusCode()).isEqualTo(400);
  }

  @Test
  void refusesOtherMethodsTypesAndSizes() throws Exception {
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/check")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    HttpResponse<String> text = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/check"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(415);
    HttpResponse<String> big = check("{\"token\":\"" + "a".repeat(DebuggerServer.MAX_REQUEST_BYTES) + "\"}", null);
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(server.uri() + "secrets")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
  }
}
